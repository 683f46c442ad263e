package org.torchplan.client.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.torchplan.client.detect.CommandRunner;

class InstalledVersionsTest {

    @Test
    void theInterpreterIsAskedForEachNameAndAbsentOnesAreSaidSo() {
        List<List<String>> asked = new ArrayList<>();
        CommandRunner runner = (argv, timeout) -> {
            asked.add(argv);
            return Optional.of(new CommandRunner.CommandResult(0, "{\"torch\": \"2.12.0+cpu\", \"numpy\": null}\n"));
        };

        Optional<Map<String, Optional<String>>> versions =
                InstalledVersions.read(runner, "/venv/bin/python", List.of("torch", "numpy"));

        assertThat(versions).contains(Map.of("torch", Optional.of("2.12.0+cpu"), "numpy", Optional.empty()));
        assertThat(asked).singleElement().satisfies(argv -> {
            assertThat(argv.subList(0, 2)).containsExactly("/venv/bin/python", "-c");
            assertThat(argv.subList(3, 5)).containsExactly("torch", "numpy");
        });
    }

    @Test
    void anInterpreterThatCannotBeAskedGivesNoAnswer() {
        assertThat(InstalledVersions.read((argv, timeout) -> Optional.empty(), "python", List.of("torch"))).isEmpty();
        assertThat(InstalledVersions.read((argv, timeout) -> Optional.of(new CommandRunner.CommandResult(1, "")),
                "python", List.of("torch"))).isEmpty();
        assertThat(InstalledVersions.read((argv, timeout) -> Optional.of(new CommandRunner.CommandResult(0,
                "Traceback")), "python", List.of("torch"))).isEmpty();
    }
}
