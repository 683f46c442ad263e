package org.torchplan.api;

import org.torchplan.pypi.PypiProjects;
import org.torchplan.plan.LockedPackage;
import org.torchplan.catalog.index.UpstreamUnavailableException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.torchplan.catalog.CatalogProperties;
import org.torchplan.catalog.live.CatalogService;
import org.torchplan.catalog.model.CatalogAge;
import org.torchplan.catalog.model.CatalogSnapshot;
import org.torchplan.catalog.model.CatalogSource;
import org.torchplan.catalog.model.CatalogStatus;
import org.torchplan.catalog.model.Channel;
import org.torchplan.packaging.Requirement;
import org.torchplan.plan.PlanRequest;
import org.torchplan.plan.PlanResult;
import org.torchplan.plan.Planner;
import org.torchplan.plan.RequirementsFileRendering;
import org.torchplan.plan.ShellScriptRendering;
import org.torchplan.plan.UnsatisfiableRequestException;
import org.torchplan.policy.FleetPolicy;
import tools.jackson.databind.json.JsonMapper;

/**
 * The answer to a plan request, as bytes: parse, take the catalog snapshot, plan (or find the answer memoized for
 * the same request and inputs), apply the age of the data, render. {@code /plan} and the warm-up both go through
 * here, so the warm-up exercises exactly the code requests run.
 */
final class PlanAnswers {

    private final Planner planner;
    private final CatalogService catalog;
    private final FleetPolicy policy;
    private final PlanMetrics metrics;
    private final CatalogProperties.MaxAge maxAge;
    private final Duration requestBudget;
    private final Clock clock;
    private final JsonMapper json;
    private final PlanMemo memo;
    private final PypiProjects pypi;
    /** the warm-up's own memo, dropped when the warm-up is over */
    private volatile PlanMemo warmupMemo;

    PlanAnswers(Planner planner, CatalogService catalog, FleetPolicy policy, PlanMetrics metrics,
            CatalogProperties catalogProperties, Clock clock, JsonMapper json, PlanMemo memo, PypiProjects pypi) {
        this.planner = planner;
        this.catalog = catalog;
        this.policy = policy;
        this.metrics = metrics;
        this.maxAge = catalogProperties.maxAge();
        this.requestBudget = catalogProperties.upstream().requestBudget();
        this.clock = clock;
        this.json = json;
        this.memo = memo;
        this.pypi = pypi;
        this.warmupMemo = memo.scratch();
    }

    /**
     * The answer to a request body as sent ({@code POST /plan}), memoized per canonical request and inputs version.
     * The memo holds the plan as planned; the time is applied at every answer, and a memoized body whose age warning
     * no longer holds (the data aged past the channel's maximum age, or by another day) is rendered again and replaces
     * the memoized one. A body sent before, byte for byte, is not read and checked again.
     */
    RenderedPlan answer(byte[] body, RenderingFormat rendering) {
        return answer(parsed(body, memo, metrics), rendering, memo, metrics);
    }

    /** The same for a request already read (the query parameters of {@code GET /plan}). */
    RenderedPlan answer(PlanRequestBody body, RenderingFormat rendering) {
        return answer(PlanMemo.Parsed.of(metrics.parsed(() -> PlanRequestParser.parse(body))), rendering, memo,
                metrics);
    }

    /**
     * The warm-up's answer: the same code as {@link #answer(byte[], RenderingFormat)}, with a memo of the warm-up's
     * own (a repeated warm-up request is answered from it, as a repeated real request is) and metrics that record
     * nothing. The memo real requests read and the plan metrics never see a warm-up request.
     */
    RenderedPlan answerWarmup(byte[] body, RenderingFormat rendering) {
        PlanMemo scratch = warmupMemo;
        PlanMemo keptIn = scratch != null ? scratch : memo.scratch();
        PlanMetrics uncounted = PlanMetrics.uncounted();
        return answer(parsed(body, keptIn, uncounted), rendering, keptIn, uncounted);
    }

    /** The warm-up is over: its memo goes. */
    void warmupOver() {
        warmupMemo = null;
    }

    private static PlanMemo.Parsed parsed(byte[] body, PlanMemo keptIn, PlanMetrics countedIn) {
        return keptIn.parsed(body, bytes -> {
            PlanRequestBody read = PlanRequestReader.read(bytes);
            return countedIn.parsed(() -> PlanRequestParser.parse(read));
        });
    }

    private RenderedPlan answer(PlanMemo.Parsed parsed, RenderingFormat rendering, PlanMemo keptIn,
            PlanMetrics countedIn) {
        PlanRequest request = parsed.request();
        CatalogSnapshot snapshot = snapshot(request);
        Instant now = clock.instant();
        Duration bound = maxAge.of(request.channel());
        PlanMemo.Key key = new PlanMemo.Key(PlanInputsVersion.of(snapshot, policy, request, pypi), parsed.canonical(),
                rendering);
        RenderedPlan memoized = keptIn.find(key);
        if (memoized == null) {
            Planned planned = plan(snapshot, request, now, bound, countedIn);
            RenderedPlan rendered = render(planned.plan(), rendering, now, bound);
            if (planned.complete()) {
                keptIn.put(key, rendered); // a plan made without the third-party data is not an answer to keep
            }
            return rendered;
        }
        if (Objects.equals(ageWarning(memoized.planned(), now, bound), memoized.ageWarning())) {
            return memoized;
        }
        RenderedPlan aged = render(memoized.planned(), rendering, now, bound);
        keptIn.put(key, aged);
        return aged;
    }

    /** The snapshot the plan reads: the only step that may wait on upstream, within the request budget. */
    private CatalogSnapshot snapshot(PlanRequest request) {
        List<String> names = request.requirements().stream().map(Requirement::normalizedName).toList();
        return catalog.snapshotFor(request.channel(), names, requestBudget);
    }

    private Planned plan(CatalogSnapshot snapshot, PlanRequest request, Instant now, Duration bound,
            PlanMetrics countedIn) {
        return countedIn.record(() -> {
            try {
                return planWithEnvironment(snapshot, request);
            } catch (UnsatisfiableRequestException unsatisfiable) {
                throw withCatalogNote(unsatisfiable, request.channel(), bound, now);
            }
        }, Planned::plan);
    }

    /** A plan, and whether it rests on all the data it needs (not one made without the third-party index). */
    private record Planned(PlanResult plan, boolean complete) {}

    /**
     * The plan of the whole environment; when the third-party index cannot be read in time (down, offline, slow),
     * the PyTorch packages are planned alone and the plan says so: the rest installs as asked, resolved by pip.
     */
    private Planned planWithEnvironment(CatalogSnapshot snapshot, PlanRequest request) {
        try {
            PlanResult plan = planner.plan(snapshot, request, policy, pypi.forPlan(requestBudget));
            List<String> thirdParty = plan.environment().stream()
                    .filter(locked -> LockedPackage.THIRD_PARTY_INDEX.equals(locked.index()))
                    .map(LockedPackage::name).toList();
            return new Planned(thirdParty.isEmpty() ? plan : plan.withThirdPartyCatalog(pypi.statusOf(thirdParty)),
                    true);
        } catch (UpstreamUnavailableException unread) {
            return new Planned(planner.plan(snapshot, request, policy).withWarning("the environment was not"
                    + " resolved: " + unread.getMessage() + "; the PyTorch packages are planned alone, and the other"
                    + " requirements install as asked (pip resolves them, and a bound one of them puts on torch is"
                    + " not checked)"), false);
        }
    }

    /** The plan as of {@code now}, rendered; {@code planned} is kept as it is, for a later re-rendering. */
    private RenderedPlan render(PlanResult planned, RenderingFormat rendering, Instant now, Duration bound) {
        PlanResult aged = planned.agedAt(now, bound);
        byte[] body = switch (rendering) {
            case JSON -> json.writeValueAsBytes(PlanResponse.of(aged));
            case SHELL -> ShellScriptRendering.render(aged).getBytes(StandardCharsets.UTF_8);
            case REQUIREMENTS -> RequirementsFileRendering.render(aged).getBytes(StandardCharsets.UTF_8);
        };
        return new RenderedPlan(planned, ageWarning(planned, now, bound), body, rendering.mediaType(),
                EntityTags.of(body));
    }

    private static String ageWarning(PlanResult planned, Instant now, Duration bound) {
        return CatalogAge.warning(planned.catalog(), planned.channel(), bound, now).orElse(null);
    }

    /** A refusal resting on old, stale or snapshot data says so: the release asked for may be newer than the data. */
    private static UnsatisfiableRequestException withCatalogNote(
            UnsatisfiableRequestException unsatisfiable, Channel channel, Duration bound, Instant now) {
        CatalogStatus status = unsatisfiable.catalog();
        if (status == null) {
            return unsatisfiable;
        }
        Optional<String> old = CatalogAge.warning(status, channel, bound, now);
        if (old.isPresent()) {
            return unsatisfiable.with(old.get(), status.at(now, bound));
        }
        if (status.stale() || status.source() != CatalogSource.LIVE) {
            return unsatisfiable.with("the catalog data this answer rests on is " + CatalogAge.describe(status.source())
                    + " (fetched " + status.fetchedAt() + ")" + (status.stale() ? " and partly stale" : "")
                    + ": GET /catalog shows its state", status);
        }
        return unsatisfiable;
    }
}
