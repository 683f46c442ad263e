package org.torchplan.catalog.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.torchplan.catalog.model.Channel;
import org.torchplan.testsupport.MirrorServer;
import org.torchplan.testsupport.MutableClock;

/** Two overlapping refreshes of one channel (the background one and an admin's) make one set of upstream requests. */
class ChannelRefreshSingleFlightTest {

    @TempDir
    Path dataDir;

    private MirrorServer mirror;
    private CatalogService catalog;

    @BeforeEach
    void start() throws Exception {
        mirror = new MirrorServer();
        // a held listing must not time out into a retry (a second request that is no second refresh)
        catalog = CatalogServiceFixture.service(CatalogServiceFixture.properties(dataDir, false,
                        List.of("torchtune", "torchao"), Duration.ofSeconds(30)), mirror.root(),
                CatalogServiceFixture.emptySnapshot(mirror.root()), new MutableClock(CatalogServiceFixture.START));
    }

    @AfterEach
    void stop() throws Exception {
        catalog.destroy();
        mirror.close();
    }

    @Test
    void aSecondRefreshJoinsTheOneUnderWay() throws Exception {
        CountDownLatch listingAsked = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        String listing = MirrorServer.resource("/whl/index.html");
        mirror.override("/whl/", request -> {
            listingAsked.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
            return MirrorServer.html(listing);
        });

        CompletableFuture<Void> first = CompletableFuture.runAsync(() -> catalog.refreshChannel(Channel.STABLE));
        assertThat(listingAsked.await(10, TimeUnit.SECONDS)).as("the first refresh reached upstream").isTrue();
        CompletableFuture<Void> second = CompletableFuture.runAsync(() -> catalog.refreshChannel(Channel.STABLE));
        Thread.sleep(200); // the second caller is now waiting on the first refresh, or would have started its own
        release.countDown();
        first.get(20, TimeUnit.SECONDS);
        second.get(20, TimeUnit.SECONDS);

        assertThat(mirror.requests("/whl/")).isEqualTo(1);
        assertThat(mirror.requests("/whl/torchtune/")).isEqualTo(1);
        assertThat(mirror.requests("/whl/torchao/")).isEqualTo(1);
        assertThat(catalog.entry(Channel.STABLE, org.torchplan.backend.ComputeBackend.parse("cu126"), "torchtune")
                .files()).isNotEmpty();
    }

    @Test
    void aRefreshAfterTheFirstEndedReadsUpstreamAgain() {
        catalog.refreshChannel(Channel.STABLE);
        catalog.refreshChannel(Channel.STABLE);

        assertThat(mirror.requests("/whl/torchtune/")).isEqualTo(2);
    }

}
