package org.torchplan.catalog.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.torchplan.backend.ComputeBackend;
import org.torchplan.catalog.model.Channel;
import org.torchplan.catalog.model.EntryKey;
import org.torchplan.catalog.model.PackageEntry;
import org.torchplan.testsupport.MirrorServer;
import org.torchplan.testsupport.MutableClock;

/**
 * A shrunken page is refused, but the loss guard yields: to an operator's explicit refresh, and to time (the same
 * shrink on {@value LossGuard#CONSECUTIVE_SHRINKS_ACCEPTED} refreshes in a row is real). A page of no wheels never.
 */
class CatalogShrinkTest {

    private static final String ENTRY_PAGE = "/whl/cu126/torchao/";
    private static final String CHANNEL_PAGE = "/whl/torchao/";
    private static final EntryKey KEY = new EntryKey(Channel.STABLE, ComputeBackend.parse("cu126"), "torchao");

    @TempDir
    Path dataDir;

    private MirrorServer mirror;
    private CatalogService catalog;
    private String shrunken;

    @BeforeEach
    void start() throws Exception {
        mirror = new MirrorServer();
        catalog = CatalogServiceFixture.service(CatalogServiceFixture.properties(dataDir, false, List.of("torchao")),
                mirror.root(), CatalogServiceFixture.emptySnapshot(mirror.root()),
                new MutableClock(CatalogServiceFixture.START));
        assertThat(catalog.refreshEntry(KEY).files()).hasSize(13);
        String page = MirrorServer.resource(ENTRY_PAGE + "index.html");
        int third = nthAnchor(page, 3);
        shrunken = page.substring(0, third) + "</body></html>"; // 2 of 13 wheels
    }

    @AfterEach
    void stop() throws Exception {
        catalog.destroy();
        mirror.close();
    }

    @Test
    void aShrinkSeenOnThreeRefreshesInARowIsTaken() {
        mirror.override(ENTRY_PAGE, request -> MirrorServer.html(shrunken));

        PackageEntry first = catalog.refreshEntry(KEY);
        PackageEntry second = catalog.refreshEntry(KEY);
        PackageEntry third = catalog.refreshEntry(KEY);

        assertThat(first.files()).hasSize(13);
        assertThat(first.staleReason()).contains("listed 2 wheels where 13 were known").contains("shrink 1 of 3")
                .contains("accept-shrink=true");
        assertThat(second.files()).hasSize(13);
        assertThat(second.staleReason()).contains("shrink 2 of 3");
        assertThat(third.files()).hasSize(2);
        assertThat(third.isStale()).isFalse();
    }

    @Test
    void aGoodPageBetweenShrinksStartsTheCountAgain() {
        mirror.override(ENTRY_PAGE, request -> MirrorServer.html(shrunken));
        catalog.refreshEntry(KEY);
        catalog.refreshEntry(KEY);
        mirror.clearOverride(ENTRY_PAGE);
        assertThat(catalog.refreshEntry(KEY).isStale()).isFalse();
        mirror.override(ENTRY_PAGE, request -> MirrorServer.html(shrunken));

        PackageEntry after = catalog.refreshEntry(KEY);

        assertThat(after.files()).hasSize(13);
        assertThat(after.staleReason()).contains("shrink 1 of 3");
    }

    @Test
    void aPageOfNoWheelsIsNeverTakenHoweverOftenSeen() {
        mirror.override(ENTRY_PAGE, request -> MirrorServer.html("<html><body></body></html>"));

        for (int refresh = 0; refresh < LossGuard.CONSECUTIVE_SHRINKS_ACCEPTED + 1; refresh++) {
            assertThat(catalog.refreshEntry(KEY).files()).hasSize(13);
        }
        assertThat(catalog.entry(KEY.channel(), KEY.backend(), KEY.packageName()).staleReason()).contains("no wheels");
    }

    @Test
    void anOperatorsRefreshWithAcceptShrinkTakesTheShrinkAtOnce() {
        // the channel refresh reads the all-backends page; without one it falls back to the per-backend pages
        mirror.override(CHANNEL_PAGE, request -> new mockwebserver3.MockResponse.Builder().code(404).build());
        mirror.override(ENTRY_PAGE, request -> MirrorServer.html(shrunken));

        catalog.refreshChannel(Channel.STABLE);
        assertThat(catalog.entry(KEY.channel(), KEY.backend(), KEY.packageName()).files()).hasSize(13);

        catalog.refreshChannel(Channel.STABLE, true);

        PackageEntry after = catalog.entry(KEY.channel(), KEY.backend(), KEY.packageName());
        assertThat(after.files()).hasSize(2);
        assertThat(after.isStale()).isFalse();
    }

    @Test
    void anUnchangedShrunkenAllBackendsPageStillCountsAsAShrink() {
        // served with an ETag: a 304 for the shrunken page must not pass for a confirmation of the kept copy
        mirror.override(CHANNEL_PAGE, request -> "\"shrunken\"".equals(request.getHeaders().get("If-None-Match"))
                ? new mockwebserver3.MockResponse.Builder().code(304).build()
                : new mockwebserver3.MockResponse.Builder(MirrorServer.html(shrunken)).setHeader("ETag", "\"shrunken\"")
                        .build());

        catalog.refreshChannel(Channel.STABLE);
        PackageEntry first = catalog.entry(KEY.channel(), KEY.backend(), KEY.packageName());
        catalog.refreshChannel(Channel.STABLE);
        PackageEntry second = catalog.entry(KEY.channel(), KEY.backend(), KEY.packageName());

        assertThat(first.files()).hasSize(13);
        assertThat(first.staleReason()).contains("shrink 1 of 3");
        assertThat(second.files()).hasSize(13);
        assertThat(second.staleReason()).contains("shrink 2 of 3");
    }

    private static int nthAnchor(String page, int n) {
        int at = -1;
        for (int found = 0; found < n; found++) {
            at = page.indexOf("<a ", at + 1);
        }
        return at;
    }
}
