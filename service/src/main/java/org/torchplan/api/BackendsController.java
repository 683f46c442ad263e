package org.torchplan.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.BiFunction;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.torchplan.backend.BuildPlatform;
import org.torchplan.backend.ComputeBackend;
import org.torchplan.backend.ComputeCapabilityTable;
import org.torchplan.backend.DriverVersion;
import org.torchplan.backend.NvidiaDriverTable;
import org.torchplan.backend.RocmArchitectureTable;
import org.torchplan.catalog.live.CatalogService;
import org.torchplan.catalog.model.Channel;
import org.torchplan.packaging.OperatingSystem;

/** {@code GET /backends}: the catalog's backends with the hardware each one needs. */
@RestController
@Tag(name = "backends", description = "Compute backends")
class BackendsController {

    private final CatalogService catalog;

    BackendsController(CatalogService catalog) {
        this.catalog = catalog;
    }

    @GetMapping(path = "/backends", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Known backends, minimum NVIDIA drivers per OS, the architectures each torch series' builds"
            + " carry, and what each AMD GPU architecture gets")
    BackendsView backends() {
        Map<ComputeBackend, List<String>> channelsByBackend = new TreeMap<>();
        for (Channel channel : Channel.values()) {
            for (ComputeBackend backend : catalog.snapshot(channel).backends()) {
                channelsByBackend.computeIfAbsent(backend, key -> new ArrayList<>()).add(channel.id());
            }
        }
        Map<ComputeBackend, List<BackendsView.BuildView>> builds = recordedBuilds();
        List<BackendsView.BackendView> backends = new ArrayList<>(channelsByBackend.size());
        for (Map.Entry<ComputeBackend, List<String>> entry : channelsByBackend.entrySet()) {
            ComputeBackend backend = entry.getKey();
            backends.add(new BackendsView.BackendView(backend.toString(),
                    backend.kind().name().toLowerCase(Locale.ROOT), entry.getValue(),
                    driver(backend, NvidiaDriverTable::minimumDriver, OperatingSystem.LINUX),
                    driver(backend, NvidiaDriverTable::minimumDriver, OperatingSystem.WINDOWS),
                    driver(backend, NvidiaDriverTable::toolkitDriver, OperatingSystem.LINUX),
                    driver(backend, NvidiaDriverTable::toolkitDriver, OperatingSystem.WINDOWS),
                    builds.getOrDefault(backend, List.of())));
        }
        List<BackendsView.ArchitectureView> architectures = new ArrayList<>(RocmArchitectureTable.architectures().size());
        for (String architecture : RocmArchitectureTable.architectures()) {
            architectures.add(new BackendsView.ArchitectureView(architecture,
                    RocmArchitectureTable.backendsCarrying(architecture, channelsByBackend.keySet()).stream()
                            .map(ComputeBackend::toString).toList()));
        }
        return new BackendsView(backends, architectures);
    }

    /** The CUDA and ROCm tables' builds by backend, oldest torch series first. */
    private static Map<ComputeBackend, List<BackendsView.BuildView>> recordedBuilds() {
        Map<ComputeBackend, List<BackendsView.BuildView>> builds = new TreeMap<>();
        for (ComputeCapabilityTable.RecordedBuild build : ComputeCapabilityTable.recordedBuilds()) {
            builds.computeIfAbsent(build.backend(), key -> new ArrayList<>()).add(new BackendsView.BuildView(
                    build.series().toString(), build.platform().id(), build.architectures().archNames(),
                    build.architectures().knownFrom().isEmpty(), build.evidence().id(), build.source()));
        }
        for (RocmArchitectureTable.RecordedBuild build : RocmArchitectureTable.recordedBuilds()) {
            builds.computeIfAbsent(build.backend(), key -> new ArrayList<>()).add(new BackendsView.BuildView(
                    build.series().toString(), BuildPlatform.LINUX_X86_64.id(), build.architectures(),
                    build.complete(), build.evidence().id(), build.source()));
        }
        return builds;
    }

    private static String driver(ComputeBackend backend,
            BiFunction<ComputeBackend, OperatingSystem, Optional<DriverVersion>> table, OperatingSystem os) {
        if (!backend.isCuda()) {
            return null;
        }
        return table.apply(backend, os).map(DriverVersion::toString).orElse(null);
    }
}
