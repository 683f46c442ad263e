package org.torchplan.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.torchplan.backend.ComputeBackend;
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

    /**
     * The AMD architectures shown: those the ROCm table (backend.RocmArchitectureTable) has rows for. The table
     * offers no listing of its rows, so they are named here; an architecture it does not know shows no backends.
     */
    private final CatalogService catalog;

    BackendsController(CatalogService catalog) {
        this.catalog = catalog;
    }

    @GetMapping(path = "/backends", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Known backends, minimum NVIDIA drivers per OS, and what each AMD GPU architecture gets")
    BackendsView backends() {
        Map<ComputeBackend, List<String>> channelsByBackend = new TreeMap<>();
        for (Channel channel : Channel.values()) {
            for (ComputeBackend backend : catalog.snapshot(channel).backends()) {
                channelsByBackend.computeIfAbsent(backend, key -> new ArrayList<>()).add(channel.id());
            }
        }
        List<BackendsView.BackendView> backends = new ArrayList<>(channelsByBackend.size());
        for (Map.Entry<ComputeBackend, List<String>> entry : channelsByBackend.entrySet()) {
            ComputeBackend backend = entry.getKey();
            backends.add(new BackendsView.BackendView(backend.toString(),
                    backend.kind().name().toLowerCase(Locale.ROOT), entry.getValue(),
                    minimumDriver(backend, OperatingSystem.LINUX), minimumDriver(backend, OperatingSystem.WINDOWS)));
        }
        List<BackendsView.ArchitectureView> architectures = new ArrayList<>(RocmArchitectureTable.architectures().size());
        for (String architecture : RocmArchitectureTable.architectures()) {
            architectures.add(new BackendsView.ArchitectureView(architecture,
                    RocmArchitectureTable.backendsCarrying(architecture, channelsByBackend.keySet()).stream()
                            .map(ComputeBackend::toString).toList()));
        }
        return new BackendsView(backends, architectures);
    }

    private static String minimumDriver(ComputeBackend backend, OperatingSystem os) {
        if (!backend.isCuda()) {
            return null;
        }
        return NvidiaDriverTable.minimumDriver(backend, os).map(DriverVersion::toString).orElse(null);
    }
}
