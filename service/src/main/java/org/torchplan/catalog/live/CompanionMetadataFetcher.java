package org.torchplan.catalog.live;

import org.torchplan.catalog.index.CoreMetadata;
import org.torchplan.catalog.index.IndexClient;
import org.torchplan.catalog.index.FileResponse;
import org.torchplan.catalog.model.CompanionPairing;
import org.torchplan.catalog.model.IndexedFile;
import org.torchplan.catalog.model.PackageEntry;
import org.torchplan.catalog.storage.CatalogPersistence;
import java.io.IOException;
import java.util.Set;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.torchplan.packaging.Version;

/**
 * Reads, in the background, which torch each companion release pins, from the PEP 658 metadata file the index
 * offers next to the wheel. One fetch per (package, version) while the index declares the same metadata file: the
 * answer is kept and persisted with that file's sha256, and read again when a refresh finds the index declaring
 * another one (an upstream that fixed a wrong file is believed again). A metadata file whose sha256 is not the one
 * the page declares for it is ignored (logged, counted), as pip refuses it, and read again after the next refresh. Runs on its own single thread, so it never competes
 * with plans or with start-up.
 */
public class CompanionMetadataFetcher {

    private static final Logger log = LoggerFactory.getLogger(CompanionMetadataFetcher.class);

    private final IndexClient client;
    private final PairingHolder pairing;
    private final CatalogPersistence persistence;
    private final CatalogMetrics metrics;
    private final ExecutorService executor;
    private final Set<String> requested = ConcurrentHashMap.newKeySet();
    private final AtomicInteger pending = new AtomicInteger();

    public CompanionMetadataFetcher(IndexClient client, PairingHolder pairing, CatalogPersistence persistence,
            CatalogMetrics metrics, ExecutorService executor) {
        this.client = client;
        this.pairing = pairing;
        this.persistence = persistence;
        this.metrics = metrics;
        this.executor = executor;
    }

    /**
     * Schedules a metadata fetch for each release of the entry whose pin is unknown or no longer matches the metadata
     * file the index declares (torch itself and nightlies excluded). One fetch per release is in flight at a time.
     */
    public void consider(PackageEntry entry) {
        if (entry.packageName().equals("torch")) {
            return;
        }
        Map<Version, List<IndexedFile>> releases = new LinkedHashMap<>();
        for (IndexedFile file : entry.files()) {
            if (file.hasCoreMetadata() && !file.version().isDevrelease()) {
                releases.computeIfAbsent(file.version().publicVersion(), version -> new ArrayList<>()).add(file);
            }
        }
        releases.forEach((version, files) -> {
            Set<String> declared = new HashSet<>();
            IndexedFile chosen = files.get(0);
            for (IndexedFile file : files) {
                if (file.coreMetadataSha256() != null) {
                    declared.add(file.coreMetadataSha256());
                    if (chosen.coreMetadataSha256() == null) {
                        chosen = file; // read a file whose digest can be checked
                    }
                }
            }
            if (!pairing.needsReading(entry.packageName(), version, declared)) {
                return;
            }
            String key = CompanionPairing.key(entry.packageName(), version);
            if (requested.add(key)) {
                IndexedFile file = chosen;
                pending.incrementAndGet();
                try {
                    executor.execute(() -> fetch(entry.packageName(), version, file));
                } catch (RejectedExecutionException shuttingDown) {
                    pending.decrementAndGet();
                    requested.remove(key);
                }
            }
        });
    }

    private void fetch(String packageName, Version version, IndexedFile file) {
        try {
            String url = file.url() + ".metadata";
            FileResponse response = client.fetchFile(url);
            if (response.isSuccessful() && file.coreMetadataSha256() != null
                    && !file.coreMetadataSha256().equals(response.sha256())) {
                metrics.metadataRejected();
                log.warn("Ignoring the metadata file {}: its sha256 is {}, the index declares {} (a damaged or "
                        + "tampered file); {} {} stays unpaired by metadata", url, response.sha256(),
                        file.coreMetadataSha256(), packageName, version);
            } else if (response.isSuccessful()) {
                pairing.record(packageName, version, CoreMetadata.torchPin(response.text()).orElse(null),
                        file.coreMetadataSha256());
            }
        } catch (IOException | RuntimeException failure) {
            log.debug("metadata of {} {} not read: {}", packageName, version, failure.getMessage());
        } finally {
            // read again after a later refresh when still needed: failed, refused, or the index declares another file
            requested.remove(CompanionPairing.key(packageName, version));
            if (pending.decrementAndGet() == 0) {
                persistence.writePins(pairing.stored());
            }
        }
    }
}
