package org.torchplan.api;

import org.torchplan.pypi.PypiMetrics;
import org.torchplan.pypi.PypiProjects;
import org.torchplan.pypi.PypiProperties;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.DefaultApplicationArguments;
import org.torchplan.catalog.live.CatalogService;
import org.torchplan.catalog.live.CatalogServiceFixture;
import org.torchplan.catalog.model.PytorchIndex;
import org.torchplan.catalog.storage.EmbeddedSnapshot;
import org.torchplan.plan.PlanRequest;
import org.torchplan.plan.Planner;
import org.torchplan.policy.FleetPolicy;
import org.torchplan.testsupport.MutableClock;
import tools.jackson.databind.json.JsonMapper;

/** The warm-up plans its requests through the request path, within its bounds, and leaves no trace in the memo. */
class PlanWarmupTest {

    @TempDir
    Path dataDir;

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private CatalogService catalog;
    private PlanAnswers answers;
    private PypiProjects pypi;

    @BeforeEach
    void start() {
        var properties = CatalogServiceFixture.properties(dataDir, true, List.copyOf(PytorchIndex.PACKAGES));
        MutableClock clock = new MutableClock(CatalogServiceFixture.START);
        catalog = CatalogServiceFixture.service(properties, PytorchIndex.ROOT_URL, EmbeddedSnapshot.load(), clock);
        pypi = PypiProjects.standalone(PypiProperties.of("https://pypi.org/simple").withOffline(true), properties,
                new PypiMetrics(registry), clock);
        answers = new PlanAnswers(new Planner(), catalog, FleetPolicy.OPEN, new PlanMetrics(registry), properties,
                clock, JsonMapper.builder().build(), new PlanMemo(PlanCacheProperties.defaults(), registry), pypi);
    }

    @AfterEach
    void stop() throws Exception {
        pypi.close();
        catalog.destroy();
    }

    @Test
    void everyWarmupRequestIsAValidRequest() {
        List<byte[]> bodies = WarmupRequests.bodies();

        assertThat(bodies).hasSizeGreaterThan(50);
        for (byte[] body : bodies) {
            PlanRequest request = PlanRequestParser.parse(PlanRequestReader.read(body));
            assertThat(request.requirements()).isNotEmpty();
        }
    }

    @Test
    void theWarmupPlansEachRequestThenRepeatsThemUpToItsBoundAndLeavesNoTrace() {
        int distinct = WarmupRequests.bodies().size();
        PlanWarmup warmup = new PlanWarmup(answers, new WarmupProperties(true, Duration.ofMinutes(5), distinct + 100),
                new WarmupGate());

        warmup.run(new DefaultApplicationArguments());

        PlanWarmup.Result result = warmup.result();
        assertThat(result.requests()).isEqualTo(distinct + 100);
        assertThat(result.plans()).as("each distinct request once; most of a fleet's machines get a plan")
                .isGreaterThan(distinct / 2).isLessThanOrEqualTo(distinct);
        assertThat(result.repeats()).as("then they are sent again").isGreaterThan(50).isLessThanOrEqualTo(100);
        assertThat(registry.find("torchplan.plan").timers()).as("not counted as plans served").isEmpty();
        assertThat(registry.get("cache.gets").tag("cache", PlanMemo.NAME).functionCounters())
                .allSatisfy(counter -> assertThat(counter.count()).isZero());
    }

    @Test
    void aWarmupWithNoTimeLeftEndsAtOnce() {
        PlanWarmup warmup = new PlanWarmup(answers, new WarmupProperties(true, Duration.ZERO, 1000), new WarmupGate());

        warmup.run(new DefaultApplicationArguments());

        assertThat(warmup.result().requests()).isZero();
    }

    @Test
    void aDisabledWarmupPlansNothing() {
        PlanWarmup warmup = new PlanWarmup(answers, new WarmupProperties(false, Duration.ofMinutes(5), 1000), new WarmupGate());

        warmup.run(new DefaultApplicationArguments());

        assertThat(warmup.result().requests()).isZero();
    }
}
