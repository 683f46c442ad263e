package org.torchplan.api;

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

    PlanAnswers(Planner planner, CatalogService catalog, FleetPolicy policy, PlanMetrics metrics,
            CatalogProperties catalogProperties, Clock clock, JsonMapper json, PlanMemo memo) {
        this.planner = planner;
        this.catalog = catalog;
        this.policy = policy;
        this.metrics = metrics;
        this.maxAge = catalogProperties.maxAge();
        this.requestBudget = catalogProperties.upstream().requestBudget();
        this.clock = clock;
        this.json = json;
        this.memo = memo;
    }

    /**
     * The answer, memoized per canonical request and inputs version. The memo holds the plan as planned; the time
     * is applied at every answer, and a memoized body whose age warning no longer holds (the data aged past the
     * channel's maximum age, or by another day) is rendered again and replaces the memoized one.
     */
    RenderedPlan answer(PlanRequestBody body, RenderingFormat rendering) {
        PlanRequest request = metrics.parsed(() -> PlanRequestParser.parse(body));
        CatalogSnapshot snapshot = snapshot(request);
        Instant now = clock.instant();
        Duration bound = maxAge.of(request.channel());
        PlanMemo.Key key = new PlanMemo.Key(PlanInputsVersion.of(snapshot, policy), request.toString(), rendering);
        RenderedPlan memoized = memo.get(key, unused -> render(plan(snapshot, request, now, bound), rendering, now, bound));
        if (Objects.equals(ageWarning(memoized.planned(), now, bound), memoized.ageWarning())) {
            return memoized;
        }
        RenderedPlan aged = render(memoized.planned(), rendering, now, bound);
        memo.put(key, aged);
        return aged;
    }

    /** The same answer, planned and rendered afresh, neither memoized nor counted in the metrics (the warm-up). */
    RenderedPlan answerUnmemoized(PlanRequestBody body, RenderingFormat rendering) {
        PlanRequest request = PlanRequestParser.parse(body);
        CatalogSnapshot snapshot = snapshot(request);
        Instant now = clock.instant();
        Duration bound = maxAge.of(request.channel());
        return render(planner.plan(snapshot, request, policy), rendering, now, bound);
    }

    /** The snapshot the plan reads: the only step that may wait on upstream, within the request budget. */
    private CatalogSnapshot snapshot(PlanRequest request) {
        List<String> names = request.requirements().stream().map(Requirement::normalizedName).toList();
        return catalog.snapshotFor(request.channel(), names, requestBudget);
    }

    private PlanResult plan(CatalogSnapshot snapshot, PlanRequest request, Instant now, Duration bound) {
        return metrics.record(() -> {
            try {
                return planner.plan(snapshot, request, policy);
            } catch (UnsatisfiableRequestException unsatisfiable) {
                throw withCatalogNote(unsatisfiable, request.channel(), bound, now);
            }
        });
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
