package org.torchplan.catalog.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.torchplan.backend.ComputeBackend;
import org.torchplan.catalog.CatalogProperties;
import org.torchplan.catalog.model.Channel;
import org.torchplan.catalog.model.EntryKey;
import org.torchplan.catalog.model.IndexedFile;
import org.torchplan.testsupport.MirrorServer;

/** Wheels, redirects and relative links only from the allowed origins, resolved as pip resolves them. */
class UpstreamOriginsTest {

    private static final EntryKey KEY = new EntryKey(Channel.STABLE, ComputeBackend.parse("cu126"), "torchtune");
    private static final String PAGE = "/whl/cu126/torchtune/";
    private static final String WHEEL = "torchtune-0.6.0%2Bcu126-py3-none-any.whl";
    private static final String DIGEST = "#sha256=" + "a".repeat(64);

    private MirrorServer mirror;
    private MirrorServer elsewhere;
    private IndexClient client;

    @BeforeEach
    void start() throws Exception {
        mirror = new MirrorServer();
        elsewhere = new MirrorServer();
    }

    @AfterEach
    void stop() throws Exception {
        if (client != null) {
            client.close();
        }
        mirror.close();
        elsewhere.close();
    }

    private UpstreamIndex index(List<String> allowedOrigins) {
        AllowedOrigins origins = AllowedOrigins.of(mirror.root(), allowedOrigins);
        client = new IndexClient(new CatalogProperties.Upstream(Duration.ofSeconds(2), Duration.ofSeconds(2), 4, 2,
                Duration.ofMillis(10), Duration.ZERO, Duration.ofSeconds(5)), IndexMetrics.NONE, origins);
        return new UpstreamIndex(mirror.root(), new PageReader(client), IndexMetrics.NONE, origins);
    }

    private static String origin(MirrorServer server) {
        return AllowedOrigins.originOf(server.root());
    }

    @Test
    void dropsAndCountsWheelsOnOriginsThatAreNotAllowed() {
        mirror.override(PAGE, request -> MirrorServer.html(
                "<a href=\"https://download-r2.pytorch.org/whl/cu126/" + WHEEL + DIGEST + "\">kept</a>\n"
                        + "<a href=\"https://evil.example/whl/cu126/torchtune-0.99.0%2Bcu126-py3-none-any.whl"
                        + DIGEST + "\">foreign</a>\n"
                        + "<a href=\"" + elsewhere.root() + "/cu126/torchtune-0.98.0%2Bcu126-py3-none-any.whl\">x</a>\n"
                        + "<a href=\"//evil.example/whl/cu126/torchtune-0.97.0%2Bcu126-py3-none-any.whl\">y</a>"));

        UpstreamIndex.Result<List<IndexedFile>> result = index(AllowedOrigins.PYTORCH).entry(KEY, Validators.NONE);

        UpstreamIndex.Result.Read<List<IndexedFile>> read = (UpstreamIndex.Result.Read<List<IndexedFile>>) result;
        assertThat(read.files()).extracting(file -> file.version().toString()).containsExactly("0.6.0+cu126");
        assertThat(read.unattributed()).containsEntry("origin https://evil.example:443", 1)
                .containsEntry("origin http://evil.example:80", 1) // protocol-relative, on the http mirror
                .containsEntry("origin " + origin(elsewhere), 1);
    }

    @Test
    void aListedOriginIsTaken() {
        mirror.override(PAGE, request -> MirrorServer.html(
                "<a href=\"" + elsewhere.root() + "/cu126/" + WHEEL + "\">x</a>"));

        UpstreamIndex.Result<List<IndexedFile>> result = index(List.of(elsewhere.root())).entry(KEY, Validators.NONE);

        assertThat(((UpstreamIndex.Result.Read<List<IndexedFile>>) result).files()).hasSize(1);
    }

    @Test
    void aRedirectToAnotherOriginIsNotFollowed() {
        mirror.override(PAGE, request -> redirect(elsewhere.root() + "/cu126/torchtune/"));
        elsewhere.override(PAGE, request -> MirrorServer.html("<a href=\"" + WHEEL + "\">x</a>"));

        UpstreamIndex.Result<List<IndexedFile>> result = index(AllowedOrigins.PYTORCH).entry(KEY, Validators.NONE);

        assertThat(result).isInstanceOf(UpstreamIndex.Result.Failed.class);
        assertThat(((UpstreamIndex.Result.Failed<List<IndexedFile>>) result).reason())
                .contains("outside the allowed origins").contains("torchplan.index.allowed-origins");
        assertThat(elsewhere.totalRequests()).isZero();
        assertThat(mirror.requests(PAGE)).isEqualTo(1); // not retried: it would lead to the same place
    }

    @Test
    void aRedirectToAListedOriginIsFollowedAndItsRelativeLinksResolveThere() {
        mirror.override(PAGE, request -> redirect(elsewhere.root() + "/cu126/torchtune/"));
        elsewhere.override(PAGE, request -> MirrorServer.html("<a href=\"" + WHEEL + "\">x</a>"));

        UpstreamIndex.Result<List<IndexedFile>> result =
                index(List.of(elsewhere.root())).entry(KEY, Validators.NONE);

        assertThat(((UpstreamIndex.Result.Read<List<IndexedFile>>) result).files()).extracting(IndexedFile::url)
                .containsExactly(elsewhere.root() + "/cu126/torchtune/" + WHEEL);
    }

    @Test
    void relativeLinksResolveAgainstThePageTheRedirectEndedOn() {
        mirror.override(PAGE, request -> redirect("/moved/cu126/torchtune/"));
        mirror.override("/moved/cu126/torchtune/", request -> MirrorServer.html(
                "<a href=\"" + WHEEL + DIGEST + "\">x</a>\n<a href=\"../files/torchtune-0.5.0-py3-none-any.whl\">y</a>"));

        UpstreamIndex.Result<List<IndexedFile>> result = index(AllowedOrigins.PYTORCH).entry(KEY, Validators.NONE);

        String moved = mirror.root().replace("/whl", "/moved");
        assertThat(((UpstreamIndex.Result.Read<List<IndexedFile>>) result).files()).extracting(IndexedFile::url)
                .containsExactlyInAnyOrder(moved + "/cu126/torchtune/" + WHEEL,
                        moved + "/cu126/files/torchtune-0.5.0-py3-none-any.whl");
    }

    private static MockResponse redirect(String location) {
        return new MockResponse.Builder().code(302).addHeader("Location", location).build();
    }
}
