package org.torchplan.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.unit.DataSize;
import org.torchplan.backend.ComputeBackend;
import org.torchplan.catalog.index.IndexLinks;
import org.torchplan.catalog.live.CatalogService;
import org.torchplan.catalog.live.CatalogServiceFixture;
import org.torchplan.catalog.model.CatalogSource;
import org.torchplan.catalog.model.Channel;
import org.torchplan.catalog.model.IndexedFile;
import org.torchplan.catalog.model.PackageEntry;
import org.torchplan.catalog.storage.CatalogData;
import org.torchplan.packaging.WheelFilename;
import org.torchplan.plan.Planner;
import org.torchplan.policy.FleetPolicy;
import org.torchplan.testsupport.MirrorServer;
import org.torchplan.testsupport.MutableClock;
import mockwebserver3.MockResponse;
import tools.jackson.databind.json.JsonMapper;

/**
 * Identical requests share one answer while the catalog snapshot and the policy stay the same; a refresh, another
 * policy or data aging past its maximum age never serves the old answer. The catalog starts from a snapshot holding
 * torch 2.11.0 for cu126; its loopback index lists 2.12.0, so a refresh changes the plan.
 */
class PlanMemoTest {

    private static final ComputeBackend CU126 = ComputeBackend.parse("cu126");

    private static final String BODY = """
            {"requirements": ["torch"], "python": "cp312", "backend": "cu126",
             "platform": {"os": "linux", "arch": "x86_64", "glibc": "2.35"}}
            """;
    /** The same request: other field order, other blanks. */
    private static final String SAME_REORDERED = """
            {"platform":{"glibc":"2.35","arch":"x86_64","os":"linux"},"backend":"cu126","python":"cp312",
              "requirements":[ "torch" ]}
            """;

    @TempDir
    Path dataDir;

    private MirrorServer mirror;
    private final List<CatalogService> catalogs = new ArrayList<>();
    private final MeterRegistry registry = new SimpleMeterRegistry();
    private final MutableClock clock = new MutableClock(CatalogServiceFixture.SNAPSHOT_DATE.plus(Duration.ofDays(1)));
    private PlanMemo memo;

    @BeforeEach
    void start() throws Exception {
        mirror = new MirrorServer();
    }

    @AfterEach
    void stop() throws Exception {
        for (CatalogService catalog : catalogs) {
            catalog.destroy();
        }
        for (org.torchplan.pypi.PypiProjects pypi : pypis) {
            pypi.close();
        }
        mirror.close();
    }

    private static IndexedFile torch(String version) {
        String url = "https://download.pytorch.org/whl/cu126/torch-" + version
                + "%2Bcu126-cp312-cp312-manylinux_2_28_x86_64.whl";
        return new IndexedFile(WheelFilename.parse(IndexLinks.fileName(url)), url, "ab".repeat(32), null, false, null,
                null);
    }

    /** @param offline false: the catalog refreshes from the loopback index (in the background, on first use) */
    private CatalogService catalog(boolean offline) {
        String root = mirror.root();
        mirror.override("/whl/torch/", request -> new MockResponse.Builder().code(200)
                .addHeader("Content-Type", "text/html")
                .body("<!DOCTYPE html>\n<html><body>\n<a href=\"https://download.pytorch.org/whl/cu126/"
                        + "torch-2.12.0%2Bcu126-cp312-cp312-manylinux_2_28_x86_64.whl#sha256=" + "cd".repeat(32)
                        + "\">torch-2.12.0+cu126-cp312-cp312-manylinux_2_28_x86_64.whl</a><br/>\n</body></html>\n")
                .build());
        PackageEntry entry = PackageEntry.of(Channel.STABLE, CU126, "torch", List.of(torch("2.11.0")),
                CatalogServiceFixture.SNAPSHOT_DATE, CatalogSource.SNAPSHOT);
        CatalogData snapshot = new CatalogData(CatalogServiceFixture.SNAPSHOT_DATE, root,
                Map.of(Channel.STABLE, new TreeSet<>(Set.of(CU126))), List.of(entry));
        CatalogService catalog = CatalogServiceFixture.service(
                CatalogServiceFixture.properties(dataDir, offline, List.of("torch")), root, snapshot, clock);
        catalogs.add(catalog);
        return catalog;
    }

    /** Answers through the memo of the test (one per test: its meters are registered once), by default bounds. */
    private PlanAnswers answers(CatalogService catalog, FleetPolicy policy) {
        if (memo == null) {
            memo = new PlanMemo(PlanCacheProperties.defaults(), registry);
        }
        return new PlanAnswers(new Planner(), catalog, policy, new PlanMetrics(registry),
                CatalogServiceFixture.properties(dataDir, false, List.of("torch")), clock,
                JsonMapper.builder().build(), memo, offlinePypi());
    }

    /** No third-party data: these tests plan PyTorch packages only, which read none. */
    private org.torchplan.pypi.PypiProjects offlinePypi() {
        org.torchplan.pypi.PypiProjects pypi = org.torchplan.pypi.PypiProjects.standalone(
                org.torchplan.pypi.PypiProperties.of("https://pypi.org/simple").withOffline(true),
                CatalogServiceFixture.properties(dataDir, true, List.of("torch")),
                new org.torchplan.pypi.PypiMetrics(registry), clock);
        pypis.add(pypi);
        return pypi;
    }

    private final List<org.torchplan.pypi.PypiProjects> pypis = new java.util.ArrayList<>();

    private static RenderedPlan answer(PlanAnswers answers, String body, RenderingFormat rendering) {
        return answers.answer(body.getBytes(StandardCharsets.UTF_8), rendering);
    }

    private static String text(RenderedPlan plan) {
        return new String(plan.body(), StandardCharsets.UTF_8);
    }

    private double gets(String result) {
        return registry.get("cache.gets").tag("cache", PlanMemo.NAME).tag("result", result).functionCounter().count();
    }

    /** Reads and parses a body as PlanAnswers does, adding each body it is given to {@code parsedBodies}. */
    private static java.util.function.Function<byte[], org.torchplan.plan.PlanRequest> countingParse(
            List<byte[]> parsedBodies) {
        return bytes -> {
            parsedBodies.add(bytes);
            return PlanRequestParser.parse(PlanRequestReader.read(bytes));
        };
    }

    private double requestGets(String result) {
        return registry.get("cache.gets").tag("cache", PlanMemo.REQUESTS_NAME).tag("result", result).functionCounter()
                .count();
    }

    private long plansComputed() {
        return registry.find("torchplan.plan").timers().stream().mapToLong(timer -> timer.count()).sum();
    }

    @Test
    void theSameRequestInAnotherFieldOrderSharesOneAnswer() {
        PlanAnswers answers = answers(catalog(true), FleetPolicy.OPEN);

        RenderedPlan first = answer(answers, BODY, RenderingFormat.JSON);
        RenderedPlan second = answer(answers, SAME_REORDERED, RenderingFormat.JSON);

        assertThat(text(first)).contains("torch==2.11.0+cu126");
        assertThat(second).isSameAs(first);
        assertThat(plansComputed()).as("planned once").isEqualTo(1);
        assertThat(gets("miss")).isEqualTo(1);
        assertThat(gets("hit")).isEqualTo(1);
    }

    @Test
    void theWarmupRunsTheMemoPathInAMemoOfItsOwnAndCountsNothing() {
        PlanAnswers answers = answers(catalog(true), FleetPolicy.OPEN);
        byte[] body = BODY.getBytes(StandardCharsets.UTF_8);

        RenderedPlan first = answers.answerWarmup(body, RenderingFormat.JSON);
        RenderedPlan repeated = answers.answerWarmup(body, RenderingFormat.JSON);

        assertThat(text(first)).contains("torch==2.11.0+cu126");
        assertThat(repeated).as("answered from the warm-up's memo").isSameAs(first);
        assertThat(plansComputed()).as("not counted as plans served").isZero();
        assertThat(gets("miss") + gets("hit")).as("the memo real requests read").isZero();
        assertThat(requestGets("miss") + requestGets("hit")).as("nor its parsed requests").isZero();

        RenderedPlan real = answer(answers, BODY, RenderingFormat.JSON);
        assertThat(real).as("nothing of the warm-up's is found by a real request").isNotSameAs(first);
        assertThat(text(real)).isEqualTo(text(first));
        assertThat(gets("miss")).isEqualTo(1);

        answers.warmupOver();
        RenderedPlan late = answers.answerWarmup(body, RenderingFormat.JSON);
        assertThat(late).as("the warm-up's memo is gone with it").isNotSameAs(first).isNotSameAs(real);
        assertThat(gets("hit")).isZero();
    }

    @Test
    void aBodySentAgainByteForByteIsNotReadAgainAndAnotherSpellingIsReadButSharesTheAnswer() {
        PlanAnswers answers = answers(catalog(true), FleetPolicy.OPEN);

        RenderedPlan first = answer(answers, BODY, RenderingFormat.JSON);
        RenderedPlan again = answer(answers, BODY, RenderingFormat.JSON);
        RenderedPlan reordered = answer(answers, SAME_REORDERED, RenderingFormat.JSON);

        assertThat(again).isSameAs(first);
        assertThat(reordered).isSameAs(first);
        assertThat(requestGets("hit")).as("the same bytes: parsed once").isEqualTo(1);
        assertThat(requestGets("miss")).as("the first body, and the other spelling").isEqualTo(2);
        assertThat(plansComputed()).isEqualTo(1);
    }

    @Test
    void aBodyThatDoesNotParseIsReadEveryTimeAndNotKept() {
        PlanAnswers answers = answers(catalog(true), FleetPolicy.OPEN);
        String wrongPython = BODY.replace("cp312", "python3");

        for (int attempt = 0; attempt < 2; attempt++) {
            assertThatThrownBy(() -> answer(answers, wrongPython, RenderingFormat.JSON))
                    .isInstanceOf(InvalidRequestException.class);
        }

        assertThat(registry.get("torchplan.plan").tag("outcome", "invalid").timer().count())
                .as("checked, and refused, both times").isEqualTo(2);
        assertThat(registry.get("cache.size").tag("cache", PlanMemo.REQUESTS_NAME).gauge().value()).isZero();
    }

    @Test
    void parsedRequestsTakeAnEighthOfTheWeightBoundAndABodyHeavierThanThatIsNotKept() {
        byte[] body = BODY.getBytes(StandardCharsets.UTF_8);
        List<byte[]> parsedBodies = new ArrayList<>();
        java.util.function.Function<byte[], org.torchplan.plan.PlanRequest> parse = countingParse(parsedBodies);
        // an eighth of 2 KiB is 256 bytes: less than the overhead counted per body, so nothing is kept
        PlanMemo small = new PlanMemo(new PlanCacheProperties(true, 100, DataSize.ofKilobytes(2)), null);
        small.parsed(body, parse);
        small.parsed(body, parse);
        // an eighth of 64 KiB holds it
        PlanMemo large = new PlanMemo(new PlanCacheProperties(true, 100, DataSize.ofKilobytes(64)), null);
        PlanMemo.Parsed kept = large.parsed(body, parse);

        assertThat(large.parsed(body.clone(), parse)).as("the same bytes in another array").isSameAs(kept);
        assertThat(kept.canonical()).isEqualTo(kept.request().toString());
        assertThat(parsedBodies).as("twice in the small memo, once in the large one").hasSize(3);
    }

    @Test
    void aDisabledMemoReadsEveryBody() {
        List<byte[]> parsedBodies = new ArrayList<>();
        PlanMemo off = new PlanMemo(new PlanCacheProperties(false, 100, DataSize.ofMegabytes(1)), null);
        byte[] body = BODY.getBytes(StandardCharsets.UTF_8);

        for (int attempt = 0; attempt < 3; attempt++) {
            off.parsed(body, countingParse(parsedBodies));
        }

        assertThat(parsedBodies).hasSize(3);
    }

    @Test
    void aPlanMadeWithoutTheThirdPartyIndexIsNotKept() {
        PlanAnswers answers = answers(catalog(true), FleetPolicy.OPEN);
        String withThirdParty = BODY.replace("[\"torch\"]", "[\"torch\", \"transformers\"]");

        RenderedPlan first = answer(answers, withThirdParty, RenderingFormat.JSON);
        RenderedPlan second = answer(answers, withThirdParty, RenderingFormat.JSON);

        assertThat(text(first)).contains("the environment was not resolved");
        assertThat(second).isNotSameAs(first);
        assertThat(plansComputed()).as("planned each time: the index may answer the next one").isEqualTo(2);
    }

    @Test
    void eachRenderingIsAnAnswerOfItsOwn() {
        PlanAnswers answers = answers(catalog(true), FleetPolicy.OPEN);

        RenderedPlan json = answer(answers, BODY, RenderingFormat.JSON);
        RenderedPlan script = answer(answers, BODY, RenderingFormat.SHELL);
        RenderedPlan requirements = answer(answers, BODY, RenderingFormat.REQUIREMENTS);

        assertThat(List.of(json.contentType().toString(), script.contentType().toString(),
                requirements.contentType().toString()))
                .containsExactly("application/json", "text/x-shellscript", "text/plain;charset=UTF-8");
        assertThat(Set.of(json.entityTag(), script.entityTag(), requirements.entityTag())).hasSize(3);
        assertThat(text(script)).contains("torch==2.11.0+cu126");
        assertThat(answer(answers, SAME_REORDERED, RenderingFormat.SHELL)).isSameAs(script);
    }

    @Test
    void aCatalogRefreshIsNeverAnsweredFromTheOlderSnapshot() {
        CatalogService catalog = catalog(false);
        PlanAnswers answers = answers(catalog, FleetPolicy.OPEN);
        RenderedPlan before = answer(answers, BODY, RenderingFormat.JSON);

        catalog.refreshChannel(Channel.STABLE); // or waits for the one the first plan started in the background
        RenderedPlan after = answer(answers, BODY, RenderingFormat.JSON);

        assertThat(text(before)).contains("torch==2.11.0+cu126");
        assertThat(text(after)).contains("torch==2.12.0+cu126").doesNotContain("2.11.0");
        assertThat(after.entityTag()).isNotEqualTo(before.entityTag());
        assertThat(plansComputed()).isEqualTo(2);
    }

    @Test
    void anotherPolicyIsNeverAnsweredFromTheMemoOfThePrevious() {
        CatalogService catalog = catalog(true);
        RenderedPlan open = answer(answers(catalog, FleetPolicy.OPEN), BODY, RenderingFormat.JSON);
        FleetPolicy mirrored = new FleetPolicy(List.of(), List.of(), List.of(), "https://mirror.example/whl", null);

        RenderedPlan viaMirror = answer(answers(catalog, mirrored), BODY, RenderingFormat.JSON);

        assertThat(text(open)).contains("https://download.pytorch.org/whl/cu126").doesNotContain("mirror.example");
        assertThat(text(viaMirror)).contains("https://mirror.example/whl/cu126");
        assertThat(plansComputed()).isEqualTo(2);
    }

    @Test
    void aMemoizedAnswerWarnsOnceItsDataIsOlderThanTheMaximumAge() {
        PlanAnswers answers = answers(catalog(true), FleetPolicy.OPEN);
        RenderedPlan fresh = answer(answers, BODY, RenderingFormat.JSON);

        clock.advance(Duration.ofDays(10));
        RenderedPlan aged = answer(answers, SAME_REORDERED, RenderingFormat.JSON);
        clock.advance(Duration.ofDays(1));
        RenderedPlan agedADayMore = answer(answers, BODY, RenderingFormat.JSON);

        assertThat(text(fresh)).doesNotContain("torchplan.catalog.max-age").contains("\"stale\":false");
        assertThat(text(aged)).contains("11 days ago").contains("torchplan.catalog.max-age.stable")
                .contains("\"stale\":true");
        assertThat(aged.entityTag()).isNotEqualTo(fresh.entityTag());
        assertThat(text(agedADayMore)).contains("12 days ago");
        assertThat(answer(answers, BODY, RenderingFormat.JSON)).as("memoized again once rendered for the day")
                .isSameAs(agedADayMore);
        assertThat(plansComputed()).as("aging re-renders, it does not plan again").isEqualTo(1);
    }

    @Test
    void aMemoBoundedToOneEntryHoldsOne() {
        memo = new PlanMemo(new PlanCacheProperties(true, 1, DataSize.ofMegabytes(1)), registry);
        PlanAnswers answers = answers(catalog(true), FleetPolicy.OPEN);

        for (RenderingFormat rendering : RenderingFormat.values()) {
            answer(answers, BODY, rendering);
        }

        assertThat(registry.get("cache.size").tag("cache", PlanMemo.NAME).gauge().value())
                .as("three answers made, at most one kept").isLessThanOrEqualTo(1);
    }

    @Test
    void aMemoHoldsNoMoreBytesThanItsWeightBound() {
        memo = new PlanMemo(new PlanCacheProperties(true, 1000, DataSize.ofBytes(100)), registry);
        PlanAnswers answers = answers(catalog(true), FleetPolicy.OPEN);

        RenderedPlan first = answer(answers, BODY, RenderingFormat.JSON);
        RenderedPlan second = answer(answers, BODY, RenderingFormat.JSON);

        assertThat(first.body().length).as("more than the bound").isGreaterThan(100);
        assertThat(second).as("not kept: planned again").isNotSameAs(first);
        assertThat(plansComputed()).isEqualTo(2);
    }

    @Test
    void aDisabledMemoPlansEveryRequest() {
        memo = new PlanMemo(new PlanCacheProperties(false, 100, DataSize.ofMegabytes(1)), registry);
        PlanAnswers answers = answers(catalog(true), FleetPolicy.OPEN);

        RenderedPlan first = answer(answers, BODY, RenderingFormat.JSON);
        RenderedPlan second = answer(answers, BODY, RenderingFormat.JSON);

        assertThat(second.body()).isEqualTo(first.body());
        assertThat(second.entityTag()).isEqualTo(first.entityTag());
        assertThat(plansComputed()).isEqualTo(2);
    }
}
