package org.torchplan.catalog.live;

import org.torchplan.catalog.model.Channel;
import org.torchplan.catalog.model.EntryKey;
import org.torchplan.catalog.model.PackageEntry;
import org.torchplan.testsupport.MirrorServer;
import org.torchplan.testsupport.MutableClock;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.torchplan.backend.ComputeBackend;

/** Whatever upstream does, a good entry is never replaced by less: it stays, marked stale with the reason. */
class CatalogFaultTest {

    private static final String PAGE = "/whl/cu126/torchao/";
    private static final EntryKey KEY = new EntryKey(Channel.STABLE, ComputeBackend.parse("cu126"), "torchao");

    /** What upstream answers on the refresh after a good load, and what the stale reason must mention. */
    enum Fault {
        SERVER_ERROR("HTTP 500") {
            MockResponse response(String goodPage) {
                return new MockResponse.Builder().code(500).body("internal error").build();
            }
        },
        NOT_FOUND("no longer lists") {
            MockResponse response(String goodPage) {
                return new MockResponse.Builder().code(404).build();
            }
        },
        TIMEOUT("failed") {
            MockResponse response(String goodPage) {
                return new MockResponse.Builder(MirrorServer.html(goodPage))
                        .headersDelay(2, TimeUnit.SECONDS)
                        .build();
            }
        },
        TRUNCATED_BODY("failed") {
            MockResponse response(String goodPage) {
                return new MockResponse.Builder(MirrorServer.html(goodPage.substring(0, goodPage.length() / 3)))
                        .setHeader("Content-Length", goodPage.length())
                        .onResponseEnd(new SocketEffect.CloseSocket())
                        .build();
            }
        },
        CHALLENGE_PAGE_WITH_200("no wheels") {
            MockResponse response(String goodPage) {
                return MirrorServer.html("""
                        <!DOCTYPE html><html><head><title>Just a moment...</title>
                        <script>window._cf_chl_opt={cvId:'3',cZone:"download.pytorch.org"};
                        var a = document.createElement('a'); a.href = "/cdn-cgi/challenge-platform/h/b/orchestrate";
                        </script></head><body><noscript><a href="/cdn-cgi/l/chk_captcha">verify</a></noscript>
                        <form action="/whl/cu126/torchao/?__cf_chl_f_tk=abc" method="POST"></form></body></html>
                        """);
            }
        },
        EMPTY_PAGE("no wheels") {
            MockResponse response(String goodPage) {
                return MirrorServer.html("");
            }
        },
        JUNK_LINKS("no wheels") {
            MockResponse response(String goodPage) {
                return MirrorServer.html("""
                        <a href="torchao-0.9.0.tar.gz">torchao-0.9.0.tar.gz</a>
                        <a href="if(a.length&gt;0){/">if(a.length>0){</a>
                        <a href="torchao-latest.whl">torchao-latest.whl</a>
                        <a href="torchvision-0.22.0-cp312-cp312-linux_x86_64.whl">other package</a>
                        """);
            }
        },
        FAR_FEWER_WHEELS("listed 1 wheels") {
            MockResponse response(String goodPage) {
                int second = goodPage.indexOf("<a ", goodPage.indexOf("<a ") + 1);
                return MirrorServer.html(goodPage.substring(0, second) + "</body></html>");
            }
        },
        MALFORMED_JSON("malformed") {
            MockResponse response(String goodPage) {
                return new MockResponse.Builder()
                        .code(200)
                        .setHeader("Content-Type", "application/vnd.pypi.simple.v1+json")
                        .body("{\"files\": [")
                        .build();
            }
        };

        private final String reasonMentions;

        Fault(String reasonMentions) {
            this.reasonMentions = reasonMentions;
        }

        abstract MockResponse response(String goodPage);
    }

    @TempDir
    Path dataDir;

    private MirrorServer mirror;
    private CatalogService catalog;

    @BeforeEach
    void start() throws Exception {
        mirror = new MirrorServer();
        catalog = CatalogServiceFixture.service(
                CatalogServiceFixture.properties(dataDir, false, List.of("torchao")),
                mirror.root(), CatalogServiceFixture.emptySnapshot(mirror.root()),
                new MutableClock(CatalogServiceFixture.START));
    }

    @AfterEach
    void stop() throws Exception {
        catalog.destroy();
        mirror.close();
    }

    @ParameterizedTest
    @EnumSource(Fault.class)
    void theGoodEntrySurvivesAndIsMarkedStale(Fault fault) {
        PackageEntry good = catalog.refreshEntry(KEY);
        assertThat(good.files()).hasSizeGreaterThan(2);
        // read once while good: the status is cached between changes, and the fault must still show
        assertThat(catalog.status().stale()).isFalse();
        String page = MirrorServer.resource(PAGE + "index.html");
        mirror.override(PAGE, request -> fault.response(page));

        PackageEntry after = catalog.refreshEntry(KEY);

        assertThat(after.files()).isEqualTo(good.files());
        assertThat(after.fetchedAt()).isEqualTo(good.fetchedAt());
        assertThat(after.staleReason()).contains(fault.reasonMentions);
        assertThat(catalog.entry(KEY.channel(), KEY.backend(), KEY.packageName())).isEqualTo(after);
        assertThat(catalog.status().stale()).isTrue();
    }
}
