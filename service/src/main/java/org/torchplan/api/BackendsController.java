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
import org.torchplan.catalog.CatalogView;
import org.torchplan.catalog.Channel;
import org.torchplan.packaging.OperatingSystem;

/** {@code GET /backends}: the catalog's backends with the hardware each one needs. */
@RestController
@Tag(name = "backends", description = "Compute backends")
class BackendsController {

    /**
     * The AMD architectures shown: those the ROCm table (backend.RocmArchitectureTable) has rows for. The table
     * offers no listing of its rows, so they are named here; an architecture it does not know shows no backends.
     */
    private static final List<String> AMD_ARCHITECTURES = List.of("gfx900", "gfx906", "gfx908", "gfx90a", "gfx942",
            "gfx950", "gfx1030", "gfx1100", "gfx1101", "gfx1102", "gfx1200", "gfx1201");

    private final CatalogView catalog;

    BackendsController(CatalogView catalog) {
        this.catalog = catalog;
    }

    @GetMapping(path = "/backends", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Known backends, minimum NVIDIA drivers per OS, and what each AMD GPU architecture gets")
    BackendsView backends() {
        Map<ComputeBackend, List<String>> channelsByBackend = new TreeMap<>();
        for (Channel channel : Channel.values()) {
            for (ComputeBackend backend : catalog.backends(channel)) {
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
        List<BackendsView.ArchitectureView> architectures = new ArrayList<>(AMD_ARCHITECTURES.size());
        for (String architecture : AMD_ARCHITECTURES) {
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
