package org.torchplan.api;

import org.torchplan.catalog.model.CatalogSnapshot;
import org.torchplan.policy.FleetPolicy;

/**
 * Everything besides the request that a plan depends on, as versions: the same request with equal inputs is the
 * same plan, so the memo of answers ({@link PlanMemo}) keys on this. The clock is not an input: the age of the data
 * is applied when an answer is served ({@link PlanAnswers}).
 *
 * <p>A new data source of the planner (the PyPI project data of the resolver, issue 11) adds its version as a
 * component here and in {@link #of}, and nowhere else.
 *
 * @param catalogSnapshot the {@link CatalogSnapshot#version()} of the channel the plan reads
 * @param policy the fleet policy, compared by value
 */
record PlanInputsVersion(long catalogSnapshot, FleetPolicy policy) {

    static PlanInputsVersion of(CatalogSnapshot snapshot, FleetPolicy policy) {
        return new PlanInputsVersion(snapshot.version(), policy);
    }
}
