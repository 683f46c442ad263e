package org.torchplan.api;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import org.torchplan.catalog.model.CatalogStatus;
import org.torchplan.plan.InstallStep;
import org.torchplan.plan.PlanResult;
import org.torchplan.plan.PlannedPackage;

/** The JSON answer of {@code /plan}. */
@Schema(name = "Plan", description = "The exact wheels for the machine, the commands that install them, and why.")
public record PlanResponse(
        @Schema(example = "cu126", nullable = true,
                description = "the chosen backend; null when no PyTorch package is asked for on this machine")
        String backend,
        @Schema(example = "stable") String channel,
        List<PackageView> packages,
        List<StepView> steps,
        List<String> explanation,
        List<String> warnings,
        CatalogView catalog) {

    static PlanResponse of(PlanResult plan) {
        List<PackageView> packages = plan.packages().stream().map(PackageView::of).toList();
        List<StepView> steps = plan.steps().stream().map(StepView::of).toList();
        return new PlanResponse(plan.backend() == null ? null : plan.backend().toString(), plan.channel().id(), packages, steps, plan.explanation(),
                plan.warnings(), CatalogView.of(plan.catalog()));
    }

    /** One pinned wheel. */
    @Schema(name = "PlannedPackage")
    public record PackageView(
            @Schema(example = "torch") String name,
            @Schema(example = "2.12.0+cu126") String version,
            String filename,
            String url,
            @Schema(description = "hex digest, null when the index publishes none") String sha256) {

        static PackageView of(PlannedPackage planned) {
            return new PackageView(planned.name(), planned.version(), planned.filename(), planned.url(),
                    planned.sha256());
        }
    }

    /** One command; argv[0] "python" (and the value of uv's --python) stands for the caller's interpreter. */
    @Schema(name = "InstallStep")
    public record StepView(String description, List<String> argv) {

        static StepView of(InstallStep step) {
            return new StepView(step.description(), step.argv());
        }
    }

    /** Where the catalog behind the plan came from. */
    @Schema(name = "PlanCatalogStatus")
    public record CatalogView(
            @Schema(description = "snapshot, persisted or live", allowableValues = {"snapshot", "persisted", "live"})
            String source,
            Instant fetchedAt,
            boolean stale) {

        static CatalogView of(CatalogStatus status) {
            return new CatalogView(status.source().id(), status.fetchedAt(),
                    status.stale());
        }
    }
}
