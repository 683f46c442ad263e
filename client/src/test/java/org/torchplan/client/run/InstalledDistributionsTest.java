package org.torchplan.client.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.torchplan.client.detect.ProcessCommandRunner;
import org.torchplan.client.http.PlanRequest;
import org.torchplan.client.run.InstalledDistributions.Installed;

/** What the target interpreter has installed reaches the service, in the form the service accepts. */
class InstalledDistributionsTest {

    @Test
    void readsNamesAndVersionsWithLocalLabelsFirstOfANameWinning() {
        Optional<List<Installed>> installed = InstalledDistributions.parse("{\"installed\": ["
                + "{\"name\": \"torch\", \"version\": \"2.8.0+cpu\"},"
                + "{\"name\": \"Typing_Extensions\", \"version\": \"4.12.2\"},"
                + "{\"name\": \"typing-extensions\", \"version\": \"4.0.0\"}]}");

        assertThat(installed).contains(List.of(new Installed("torch", "2.8.0+cpu"),
                new Installed("Typing_Extensions", "4.12.2")));
    }

    @Test
    void leavesOutWhatTheServiceCouldNotReadRatherThanFailTheRequest() {
        Optional<List<Installed>> installed = InstalledDistributions.parse("{\"installed\": ["
                + "{\"name\": \"legacy\", \"version\": \"1.0-SNAPSHOT\"},"
                + "{\"name\": \"\", \"version\": \"1.0\"},"
                + "{\"name\": \"bad name!\", \"version\": \"1.0\"},"
                + "{\"version\": \"1.0\"},"
                + "{\"name\": \"numpy\", \"version\": \"2.1.3\"}]}");

        assertThat(installed).contains(List.of(new Installed("numpy", "2.1.3")));
    }

    @Test
    void anInterpreterThatDoesNotAnswerTellsNothing() {
        assertThat(InstalledDistributions.parse("Traceback (most recent call last)")).isEmpty();
        assertThat(InstalledDistributions.parse("{}")).isEmpty();
    }

    @Test
    void aRealInterpreterListsWhatItHas() {
        Path python = Path.of("/usr/bin/python3");
        assumeTrue(Files.isExecutable(python), "no /usr/bin/python3 on this machine");

        Optional<List<Installed>> installed = InstalledDistributions.read(new ProcessCommandRunner(), python.toString());

        assertThat(installed).hasValueSatisfying(list ->
                assertThat(list).extracting(Installed::name).anyMatch(name -> name.equalsIgnoreCase("pip")));
    }

    @Test
    void theRequestCarriesTheInstalledDistributions() {
        PlanRequest request = new PlanRequest(List.of("torch"), "cp312", "linux", "x86_64", Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty()).withInstalled(List.of(new Installed("torch", "2.8.0+cpu")));

        assertThat(request.toJson()).contains("\"installed\":[{\"name\":\"torch\",\"version\":\"2.8.0+cpu\"}]");
    }
}
