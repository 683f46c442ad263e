package org.torchplan.api;

import org.torchplan.plan.LockedPackage;
import io.swagger.v3.oas.annotations.media.ArraySchema;
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
        CatalogView catalog,
        @ArraySchema(arraySchema = @Schema(description = "The whole environment as resolved (every distribution"
                + " pinned, PyTorch and third-party, with digests and why it is there) when the request has more"
                + " than PyTorch packages or says what is installed; empty otherwise"))
        List<EnvironmentView> environment,
        @Schema(nullable = true, description = "where the third-party index data of the environment came from;"
                + " null when the plan read none")
        CatalogView thirdPartyCatalog) {

    static PlanResponse of(PlanResult plan) {
        List<PackageView> packages = plan.packages().stream().map(PackageView::of).toList();
        List<StepView> steps = plan.steps().stream().map(StepView::of).toList();
        return new PlanResponse(plan.backend() == null ? null : plan.backend().toString(), plan.channel().id(),
                packages, steps, plan.explanation(), plan.warnings(), CatalogView.of(plan.catalog()),
                plan.environment().stream().map(EnvironmentView::of).toList(),
                plan.thirdPartyCatalog() == null ? null : CatalogView.of(plan.thirdPartyCatalog()));
    }

    /** One distribution of the resolved environment. */
    @Schema(name = "LockedDistribution")
    public record EnvironmentView(
            @Schema(example = "filelock") String name,
            @Schema(example = "3.16.1") String version,
            @Schema(description = "the wheel pip takes; null for an installed distribution that is kept",
                    nullable = true) String filename,
            @Schema(nullable = true) String url,
            @Schema(description = "hex digest, null when the index publishes none", nullable = true) String sha256,
            @Schema(description = "pytorch (the backend's index) or third-party (PyPI or the policy's mirror)",
                    allowableValues = {"pytorch", "third-party"}) String index,
            @Schema(description = "why it is in the environment") List<String> requiredBy,
            @Schema(description = "whether the installed copy is kept as it is") boolean installed) {

        static EnvironmentView of(LockedPackage locked) {
            return new EnvironmentView(locked.name(), locked.version(), locked.filename(), locked.url(),
                    locked.sha256(), locked.index(), locked.requiredBy(), locked.keptInstalled());
        }
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
