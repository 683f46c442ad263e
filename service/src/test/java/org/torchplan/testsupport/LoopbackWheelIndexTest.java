package org.torchplan.testsupport;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class LoopbackWheelIndexTest {

    private static final Pattern ANCHOR = Pattern.compile("<a [^>]*>[^<]*</a>");
    private static final String TORCH_CU126 = "torch-2.12.0+cu126-cp312-cp312-manylinux_2_28_x86_64.whl";

    private static LoopbackWheelIndex index;
    private static final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void startIndex() {
        index = LoopbackWheelIndex.start();
    }

    @AfterAll
    static void stopIndex() {
        index.close();
    }

    @Test
    void rootListingIsServedAsRecorded() throws Exception {
        HttpResponse<String> response = get("/whl/");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
        assertThat(response.body()).contains("<a href=\"cu126/\">", "<a href=\"torch/\">", "<a href=\"nightly/\">");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/whl/cu126/torch/", "/whl/cpu/torchvision/", "/whl/rocm6.4/torchaudio/",
            "/whl/xpu/torch/", "/whl/nightly/cu128/torchvision/"})
    void everyWheelLinkOfAPagePointsAtTheServerItself(String pagePath) throws Exception {
        String recorded = new RecordedIndexPages().page(pagePath.substring(1)).orElseThrow();
        String served = get(pagePath).body();

        List<String> links = anchors(served);
        assertThat(links).hasSize(anchors(recorded).size()).isNotEmpty();
        assertThat(links).allSatisfy(link -> assertThat(attribute(link, "href")).startsWith(index.baseUrl() + "/files/whl/"));
        assertThat(served).doesNotContain("pytorch.org");
    }

    @Test
    void linkDigestsAreThoseOfTheServedWheelAndMetadata() throws Exception {
        String link = anchorFor(get("/whl/cu126/torch/").body(), TORCH_CU126);
        String href = attribute(link, "href");
        assertThat(href).isEqualTo(index.baseUrl() + "/files/whl/cu126/" + TORCH_CU126.replace("+", "%2B")
                + "#sha256=" + index.wheel(TORCH_CU126).sha256());

        String wheelUrl = href.substring(0, href.indexOf('#'));
        HttpResponse<byte[]> wheel = http.send(HttpRequest.newBuilder(URI.create(wheelUrl)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        HttpResponse<byte[]> metadata = http.send(HttpRequest.newBuilder(URI.create(wheelUrl + ".metadata")).build(),
                HttpResponse.BodyHandlers.ofByteArray());

        assertThat(wheel.statusCode()).isEqualTo(200);
        assertThat(href).endsWith("#sha256=" + sha256(wheel.body()));
        assertThat(metadata.statusCode()).isEqualTo(200);
        assertThat(attribute(link, "data-core-metadata")).isEqualTo("sha256=" + sha256(metadata.body()));
        assertThat(attribute(link, "data-dist-info-metadata")).isEqualTo("sha256=" + sha256(metadata.body()));
        assertThat(new String(metadata.body(), StandardCharsets.UTF_8)).contains("Name: torch\nVersion: 2.12.0+cu126\n");
        assertThat(attribute(link, "data-upload-time")).isNotBlank();
    }

    @Test
    void companionMetadataRequiresThePairedTorch() throws Exception {
        String fileName = "torchvision-0.27.0+cu126-cp312-cp312-manylinux_2_28_x86_64.whl";
        String link = anchorFor(get("/whl/cu126/torchvision/").body(), fileName);
        String href = attribute(link, "href");

        String metadata = get(URI.create(href.substring(0, href.indexOf('#')) + ".metadata").getPath()).body();

        assertThat(metadata).contains("Version: 0.27.0+cu126\n", "Requires-Dist: torch==2.12.0\n");
    }

    @Test
    void nightlyLinksStayWithoutDigestAsOnTheRealIndexButKeepMetadataDigests() throws Exception {
        String fileName = "torchvision-0.27.0.dev20260407+cu128-cp312-cp312-manylinux_2_28_x86_64.whl";
        String link = anchorFor(get("/whl/nightly/cu128/torchvision/").body(), fileName);

        assertThat(attribute(link, "href")).doesNotContain("#");
        assertThat(attribute(link, "data-core-metadata")).isEqualTo("sha256=" + index.wheel(fileName).metadataSha256());
        assertThat(new String(index.wheel(fileName).metadata(), StandardCharsets.UTF_8))
                .contains("Requires-Dist: torch==2.12.0.dev20260407\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "/simple/torch/", "/whl/cu999/", "/whl/cu126/numpy/", "/whl/cu126/fbgemm-gpu/",
            "/files/whl/cu126/torch-9.9.9+cu126-cp312-cp312-manylinux_2_28_x86_64.whl",
            "/files/whl/cu126/torch-9.9.9+cu126-cp312-cp312-manylinux_2_28_x86_64.whl.metadata",
            "/whl/cu126/torch/index.json", "/pypi/simple/numpy/", "/whl/..%2F..%2Fetc/"})
    void unknownPathsAreNotFound(String path) throws Exception {
        assertThat(get(path).statusCode()).isEqualTo(404);
    }

    @Test
    void directoryWithoutTrailingSlashRedirectsToIt() throws Exception {
        HttpResponse<String> response = get("/whl/cu126");

        assertThat(response.statusCode()).isEqualTo(301);
        assertThat(response.headers().firstValue("Location")).contains("/whl/cu126/");
    }

    @Test
    void requestsAreCountedPerPath() throws Exception {
        long before = index.requestCount("/whl/cu118/torch/");

        get("/whl/cu118/torch/");
        get("/whl/cu118/torch/");

        assertThat(index.requestCount("/whl/cu118/torch/")).isEqualTo(before + 2);
        assertThat(index.requestCount("/whl/never-asked/")).isZero();
        assertThat(index.requestCounts()).containsEntry("/whl/cu118/torch/", before + 2);
    }

    @Test
    void unchangedPageAnswersNotModifiedToItsEtag() throws Exception {
        HttpResponse<String> first = get("/whl/cu129/torch/");
        String etag = first.headers().firstValue("ETag").orElseThrow();

        HttpResponse<String> second = http.send(HttpRequest.newBuilder(URI.create(index.baseUrl() + "/whl/cu129/torch/"))
                .header("If-None-Match", etag).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(second.statusCode()).isEqualTo(304);
        assertThat(second.body()).isEmpty();
    }

    @Test
    void addedWheelsFormAPypiLikeIndex() throws Exception {
        GeneratedWheel tinyapp = index.addPypiWheel("tinyapp-1.0.0-py3-none-any.whl", List.of("torch"), ">=3.9");

        assertThat(get("/pypi/simple/").body()).contains("<a href=\"tinyapp/\">tinyapp</a>");
        String link = anchorFor(get("/pypi/simple/tinyapp/").body(), "tinyapp-1.0.0-py3-none-any.whl");
        assertThat(attribute(link, "href")).isEqualTo(
                index.baseUrl() + "/files/pypi/tinyapp-1.0.0-py3-none-any.whl#sha256=" + tinyapp.sha256());
        assertThat(attribute(link, "data-requires-python")).isEqualTo("&gt;=3.9");
        HttpResponse<byte[]> wheel = http.send(HttpRequest.newBuilder(URI.create(index.pypiIndexUrl()
                .replace("/pypi/simple", "/files/pypi/tinyapp-1.0.0-py3-none-any.whl"))).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(sha256(wheel.body())).isEqualTo(tinyapp.sha256());
    }

    private static HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(index.baseUrl() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static List<String> anchors(String page) {
        return ANCHOR.matcher(page).results().map(java.util.regex.MatchResult::group).toList();
    }

    private static String anchorFor(String page, String fileName) {
        return anchors(page).stream().filter(anchor -> anchor.endsWith(">" + fileName + "</a>")).findFirst()
                .orElseThrow(() -> new AssertionError("no link for " + fileName));
    }

    private static String attribute(String anchor, String name) {
        Matcher matcher = Pattern.compile("\\s" + name + "=\"([^\"]*)\"").matcher(anchor);
        return matcher.find() ? matcher.group(1) : null;
    }

    private static String sha256(byte[] content) {
        return HexFormat.of().formatHex(GeneratedWheel.sha256(content));
    }
}
