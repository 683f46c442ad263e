package org.torchplan.plan;

import org.torchplan.catalog.model.CatalogSnapshot;
import org.torchplan.catalog.model.CompanionPairing;

import org.torchplan.catalog.index.PageSnapshots;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.torchplan.backend.ComputeBackend;
import org.torchplan.catalog.model.Channel;
import org.torchplan.catalog.model.EntryKey;

import org.torchplan.packaging.Version;
import org.torchplan.policy.FleetPolicy;

/**
 * A companion goes with a torch only on evidence: a PEP 658 metadata pin, the nightly build date or the release
 * table. Over a stable index one release ahead of the table (torch 2.13.0, torchvision 0.28.0, no metadata read),
 * the planner never guesses the pair.
 */
class PlannerCompanionPairingTest {

    private static final String ROOT = "https://download.pytorch.org/whl";
    private static final String UNKNOWN_PAIR_NOTE = "torch 2.13.0: no torchvision is known to be paired with it"
            + " (no PEP 658 metadata pin, not in the release table); planned an older torch with a known pairing";

    private final Planner planner = new Planner();

    @Test
    void aTorchNoEvidencePairsACompanionWithIsNotAFullSetAndTheExplanationSaysSoOnce() {
        PlanResult plan = planner.plan(catalog("cu126", "cu128"), PlanRequests.linux().nvidia("570.86.10")
                .requirements("torch", "torchvision").build(), FleetPolicy.OPEN);

        assertThat(plan.packages()).extracting(PlannedPackage::pin)
                .containsExactly("torch==2.12.0+cu128", "torchvision==0.27.0+cu128");
        assertThat(plan.explanation()).filteredOn(UNKNOWN_PAIR_NOTE::equals).hasSize(1);
        assertThat(plan.warnings()).noneMatch(warning -> warning.contains("pair"));
    }

    @Test
    void torchAloneIsNotHeldBack() {
        PlanResult plan = planner.plan(catalog("cu126"), PlanRequests.linux().backend("cu126").build(),
                FleetPolicy.OPEN);

        assertThat(plan.packages()).extracting(PlannedPackage::pin).containsExactly("torch==2.13.0+cu126");
        assertThat(plan.explanation()).doesNotContain(UNKNOWN_PAIR_NOTE);
    }

    @Test
    void withNoKnownPairForAnyQualifyingTorchTheRequestIsUnsatisfiableNamingThePair() {
        assertThatThrownBy(() -> planner.plan(catalog("cu126"), PlanRequests.linux().backend("cu126")
                .requirements("torch>=2.13", "torchvision").build(), FleetPolicy.OPEN))
                .isInstanceOfSatisfying(UnsatisfiableRequestException.class, unsatisfiable ->
                        assertThat(unsatisfiable.reasons()).containsExactly("cu126: no torchvision known to be paired"
                                + " with torch 2.13.0 (no PEP 658 metadata, not in the release table)"));
    }

    @Test
    void aMetadataPinPairsATorchTheTableDoesNotKnowYet() {
        CatalogSnapshot catalog = catalog(new CompanionPairing()
                .withTorchPin("torchvision", Version.parse("0.28.0+cu126"), Version.parse("2.13.0")), "cu126");

        PlanResult plan = planner.plan(catalog, PlanRequests.linux().backend("cu126")
                .requirements("torch", "torchvision").build(), FleetPolicy.OPEN);

        assertThat(plan.packages()).extracting(PlannedPackage::pin)
                .containsExactly("torch==2.13.0+cu126", "torchvision==0.28.0+cu126");
        assertThat(plan.explanation()).doesNotContain(UNKNOWN_PAIR_NOTE);
    }

    @Test
    void aMetadataPinToAnotherTorchLeavesTheNewTorchWithoutACompanion() {
        CatalogSnapshot catalog = catalog(new CompanionPairing()
                .withTorchPin("torchvision", Version.parse("0.28.0"), Version.parse("2.13.1")), "cu126");

        PlanResult plan = planner.plan(catalog, PlanRequests.linux().backend("cu126")
                .requirements("torch", "torchvision").build(), FleetPolicy.OPEN);

        // 0.28.0 is known not to go with 2.13.0, and nothing else is known to: the older set, no unknown-pair line
        assertThat(plan.packages()).extracting(PlannedPackage::pin)
                .containsExactly("torch==2.12.0+cu126", "torchvision==0.27.0+cu126");
        assertThat(plan.explanation()).doesNotContain(UNKNOWN_PAIR_NOTE);
    }

    /** torch 2.13.0 and 2.12.0, torchvision 0.28.0 and 0.27.0, cp312 manylinux_2_28 x86_64, on each backend. */
    private static CatalogSnapshot catalog(String... backends) {
        return catalog(new CompanionPairing(), backends);
    }

    private static CatalogSnapshot catalog(CompanionPairing pairing, String... backends) {
        Map<EntryKey, String> pages = new LinkedHashMap<>();
        for (String name : backends) {
            ComputeBackend backend = ComputeBackend.parse(name);
            pages.put(new EntryKey(Channel.STABLE, backend, "torch"), page(name, "torch", List.of("2.13.0", "2.12.0")));
            pages.put(new EntryKey(Channel.STABLE, backend, "torchvision"),
                    page(name, "torchvision", List.of("0.28.0", "0.27.0")));
        }
        return PageSnapshots.fromPages(ROOT, Channel.STABLE, pages, Instant.parse("2026-05-19T06:15:55Z"), pairing);
    }

    private static String page(String backend, String packageName, List<String> versions) {
        StringBuilder html = new StringBuilder("<!DOCTYPE html>\n<html><body><h1>Links for ")
                .append(packageName).append("</h1>\n");
        for (String version : versions) {
            String file = packageName + "-" + version + "+" + backend + "-cp312-cp312-manylinux_2_28_x86_64.whl";
            html.append("    <a href=\"").append(ROOT).append('/').append(backend).append('/')
                    .append(file.replace("+", "%2B")).append("\">").append(file).append("</a><br/>\n");
        }
        return html.append("</body></html>\n").toString();
    }
}
