package org.torchplan.client.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class UsageTest {

    // nothing here reaches a service: a usage error is reported before any request
    private static final Map<String, String> ENVIRONMENT =
            Map.of("TORCHPLAN_NO_GPU", "1", "TORCHPLAN_URL", "http://127.0.0.1:9/");

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "''                                        | name a command: detect, plan, install or help",
        "help frobnicate                           | Unknown subcommand 'frobnicate'",
        "frobnicate                                | Unmatched argument",
        "plan --bogus torch                        | Unknown option: '--bogus'",
        "plan                                      | name at least one requirement",
        "plan torch --format xml                   | --format must be sh or requirements",
        "plan torch --format sh --json             | --json and --format are alternatives",
        "plan torch --installer conda              | --installer must be one of pip, uv",
        "plan torch --channel beta                 | --channel must be one of stable, test, nightly",
        "plan torch --strategy cheapest            | --strategy must be one of newest-torch, newest-backend",
        "plan torch --timeout soon                 | Invalid value for option '--timeout'",
        "plan torch --timeout 0                    | --timeout must be a positive number",
        "plan torch --server not-a-url             | is not an http:// or https:// URL",
        "install --system -r /nonexistent/requirements.txt | no such file",
        "install torch                             | no virtualenv is active: say where to install, in one of three ways",
        "install --python python3 --system torch   | --python and --system are alternatives",
        "install --system --platform manylinux2014_x86_64 torch | --platform manylinux2014_x86_64 is not supported: "
                + "torchplan plans for the interpreter it installs into; choose it with --python",
        "install --system -e . torch               | --editable . is not supported",
        "install --system --no-binary :all: torch  | --no-binary :all: is not supported",
        "plan torch --cpuonly --backend cu126      | --backend cu126 and --cpuonly disagree; pass one of them",
        "plan torch --channel test --pytorch-channel nightly | --channel test and --pytorch-channel nightly disagree",
        "plan torch --pytorch-channel lts          | --pytorch-channel must be one of stable, test, nightly, not 'lts'",
        "plan torch --pytorch-computation-backend cu118,cu121 | --pytorch-computation-backend lists several backends "
                + "(cu118,cu121): the service plans for one",
        "detect --bogus                            | Unknown option",
    })
    void usageErrorsExitWithTwoAndSayWhatIsWrong(String commandLine, String expectedMessage) {
        String[] args = commandLine.isBlank() ? new String[0] : commandLine.trim().split("\\s+");

        CommandLineRun run = CommandLineRun.run(ENVIRONMENT, args);

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains(expectedMessage).doesNotContain("\tat ");
    }

    @ParameterizedTest
    @ValueSource(strings = {"--help", "detect --help", "plan --help", "install --help", "help", "help install",
        "help detect"})
    void helpIsAvailableOnEveryCommand(String commandLine) {
        CommandLineRun run = CommandLineRun.run(ENVIRONMENT, commandLine.split(" "));

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("Usage: torchplan").contains("--help");
    }

    @ParameterizedTest
    @ValueSource(strings = {"plan --help", "install --help"})
    void planningCommandsDocumentTheirOptions(String commandLine) {
        CommandLineRun run = CommandLineRun.run(ENVIRONMENT, commandLine.split(" "));

        assertThat(run.out()).contains("--server", "TORCHPLAN_URL", "--python", "--backend", "--channel", "--strategy",
                "--installer", "--timeout", "--debug", "-r, --requirement");
    }

    @ParameterizedTest
    @ValueSource(strings = {"--version", "plan --version"})
    void versionIsPrinted(String commandLine) {
        CommandLineRun run = CommandLineRun.run(ENVIRONMENT, commandLine.split(" "));

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith("torchplan client");
    }

    @ParameterizedTest
    @ValueSource(strings = {"install", "plan", "detect"})
    void helpNamingACommandPrintsThatCommandsUsage(String command) {
        CommandLineRun run = CommandLineRun.run(ENVIRONMENT, "help", command);

        assertThat(run.out()).startsWith("Usage: torchplan " + command);
    }
}
