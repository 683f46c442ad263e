package org.torchplan.api;

import org.springframework.http.MediaType;
import org.torchplan.plan.PlanResult;

/**
 * A plan as sent: the bytes of one rendering, their content type and entity tag, and what they were made from.
 *
 * @param planned the plan as the planner made it, before the age of its data was applied: what a later answer
 *     re-renders when the data has aged since
 * @param ageWarning the catalog-age warning the body carries, or null for none: the one part of the body that
 *     depends on the clock
 * @param body the rendering, as sent
 * @param contentType its content type
 * @param entityTag the strong entity tag of {@code body}, quoted
 */
record RenderedPlan(PlanResult planned, String ageWarning, byte[] body, MediaType contentType, String entityTag) {

    /** Bytes a memoized answer holds: the body, and about as much again for the plan it was rendered from. */
    int weight() {
        return 2 * body.length + 512;
    }
}
