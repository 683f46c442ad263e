package org.torchplan.api;

import org.torchplan.pypi.PypiProjects;
import org.torchplan.plan.PlanRequest;
import org.torchplan.packaging.Requirement;
import org.torchplan.catalog.model.CatalogSnapshot;
import org.torchplan.policy.FleetPolicy;

/**
 * Everything besides the request that a plan depends on, as versions: the same request with equal inputs is the
 * same plan, so the memo of answers ({@link PlanMemo}) keys on this. The clock is not an input: the age of the data
 * is applied when an answer is served ({@link PlanAnswers}).
 *
 * @param catalogSnapshot the {@link CatalogSnapshot#version()} of the channel the plan reads
 * @param policy the fleet policy, compared by value
 * @param thirdParty the {@link PypiProjects#version()} of the third-party data, for a plan that resolves its
 *     environment over it; 0 for a plan of PyTorch packages alone, which reads none
 */
record PlanInputsVersion(long catalogSnapshot, FleetPolicy policy, long thirdParty) {

    static PlanInputsVersion of(CatalogSnapshot snapshot, FleetPolicy policy, PlanRequest request, PypiProjects pypi) {
        return new PlanInputsVersion(snapshot.version(), policy, readsThirdParty(snapshot, request) ? pypi.version() : 0);
    }

    /** As the planner decides it: requirements besides the PyTorch set, or an installed environment to keep. */
    private static boolean readsThirdParty(CatalogSnapshot snapshot, PlanRequest request) {
        if (!request.installed().isEmpty()) {
            return true;
        }
        for (Requirement requirement : request.requirements()) {
            if (!snapshot.packages().contains(requirement.normalizedName())) {
                return true;
            }
        }
        return false;
    }
}
