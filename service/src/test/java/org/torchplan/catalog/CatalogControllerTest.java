package org.torchplan.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

/** The one Spring context test of the catalog: binding, endpoints, problem details, health. Offline throughout. */
@SpringBootTest(properties = {
    "torchplan.catalog.offline=true",
    "torchplan.catalog.data-dir=${java.io.tmpdir}/torchplan-catalog-controller-test",
    "management.endpoint.health.show-details=always",
})
@AutoConfigureMockMvc
class CatalogControllerTest {

    @Autowired
    MockMvcTester mvc;

    @Autowired
    CatalogProperties properties;

    @Test
    void bindsTheConfiguredDefaults() {
        assertThat(properties.packageSet()).contains("torch", "torch-tensorrt", "fbgemm-gpu-genai", "executorch")
                .hasSize(22);
        assertThat(properties.ttl().stable()).hasHours(6);
        assertThat(properties.upstream().maxConcurrentRequests()).isEqualTo(8);
        assertThat(properties.minRatio()).isEqualTo(0.5);
    }

    @Test
    void summarizesTheCatalog() {
        assertThat(mvc.get().uri("/catalog"))
                .hasStatusOk()
                .bodyJson()
                .satisfies(json -> {
                    json.assertThat().extractingPath("$.source").isEqualTo("snapshot");
                    json.assertThat().extractingPath("$.fetchedAt").isEqualTo("2026-05-19T06:15:55Z");
                    json.assertThat().extractingPath("$.upstream").isEqualTo("https://download.pytorch.org/whl");
                    json.assertThat().extractingPath("$.files.stable.cu126").asNumber().isNotEqualTo(0);
                    json.assertThat().extractingPath("$.staleEntries").asArray().isEmpty();
                });
    }

    @Test
    void overviewsEachBackendWithItsNewestTorchAndCompanions() {
        assertThat(mvc.get().uri("/catalog/overview"))
                .hasStatusOk()
                .bodyJson()
                .satisfies(json -> {
                    // only the channels held: the offline snapshot holds stable; nothing is read on demand
                    json.assertThat().extractingPath("$.channels[*].channel").asArray().containsExactly("stable");
                    String cu126 = "$.channels[0].backends[?(@.backend == 'cu126')]";
                    json.assertThat().extractingPath(cu126 + ".kind").asArray().containsExactly("cuda");
                    json.assertThat().extractingPath(cu126 + ".newestTorch").asArray().containsExactly("2.12.0");
                    json.assertThat().extractingPath(cu126 + ".pythons[*]").asArray()
                            .contains("cp310", "cp312", "cp314").doesNotContain("cp39");
                    json.assertThat().extractingPath(cu126 + ".companions.torchvision").asArray()
                            .containsExactly("0.27.0+cu126");
                    json.assertThat().extractingPath(cu126 + ".torchVersions[0:3]").asArray()
                            .containsExactly("2.12.0", "2.11.0", "2.10.0");
                    String cu129 = "$.channels[0].backends[?(@.backend == 'cu129')]";
                    json.assertThat().extractingPath(cu129 + ".newestTorch").asArray().containsExactly("2.11.0");
                    json.assertThat().extractingPath(cu129 + ".companions.torchaudio").asArray()
                            .containsExactly("2.11.0+cu129");
                });
    }

    @Test
    void listsTheFilesOfOneEntry() {
        assertThat(mvc.get().uri("/catalog/stable/cu12.6/Torch"))
                .hasStatusOk()
                .bodyJson()
                .satisfies(json -> {
                    json.assertThat().extractingPath("$.backend").isEqualTo("cu126");
                    json.assertThat().extractingPath("$.packageName").isEqualTo("torch");
                    json.assertThat().extractingPath("$.files[0].version").asString().startsWith("2.12.0");
                    json.assertThat().extractingPath("$.files[0].tags[0]").asString().startsWith("cp");
                    json.assertThat().extractingPath("$.files[0].sha256").asString().hasSize(64);
                });
    }

    @Test
    void answersBadPathsWithProblemDetails() {
        assertThat(mvc.get().uri("/catalog/weekly/cu126/torch"))
                .hasStatus(400)
                .hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .bodyJson().extractingPath("$.detail").asString().contains("weekly");
        assertThat(mvc.get().uri("/catalog/stable/cuda-twelve/torch"))
                .hasStatus(400)
                .hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(mvc.get().uri("/catalog/stable/cu126/numpy"))
                .hasStatus(404)
                .hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(mvc.get().uri("/catalog/stable/cu999/torch"))
                .hasStatus(404)
                .hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void reportsACatalogHealthComponent() {
        assertThat(mvc.get().uri("/actuator/health/catalog"))
                .hasStatusOk()
                .bodyJson()
                .satisfies(json -> {
                    json.assertThat().extractingPath("$.status").isEqualTo("UP");
                    json.assertThat().extractingPath("$.details.source").isEqualTo("snapshot");
                });
    }
}
