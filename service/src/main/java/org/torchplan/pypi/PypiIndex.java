package org.torchplan.pypi;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.torchplan.catalog.index.AllowedOrigins;
import org.torchplan.catalog.index.FileResponse;
import org.torchplan.catalog.index.IndexClient;
import org.torchplan.catalog.index.PageReader;
import org.torchplan.catalog.index.Validators;
import org.torchplan.catalog.index.WheelLinks;
import org.torchplan.catalog.model.IndexedFile;

/**
 * PyPI's simple API as torchplan reads it: one project page (PEP 691 JSON preferred, PEP 503 HTML accepted, with
 * the client, parsers and cut-short detection of the PyTorch catalog), and the core metadata of one wheel (PEP
 * 658/714 metadata file checked against its declared digest, else METADATA out of the wheel itself).
 */
public class PypiIndex {

    private static final Logger log = LoggerFactory.getLogger(PypiIndex.class);

    /** What reading a project page gave. */
    public sealed interface Page {

        /** The page, its wheels (links to other origins dropped), and its validators. */
        record Listed(List<IndexedFile> files, int skipped, Validators validators) implements Page {}

        /** HTTP 304: the copy held is current. */
        record NotModified() implements Page {}

        /** HTTP 404/410: no such project. */
        record Missing() implements Page {}

        record Failed(String reason) implements Page {}
    }

    private final String root;
    private final IndexClient client;
    private final PageReader pages;
    private final AllowedOrigins origins;
    private final PypiMetrics metrics;
    private final WheelMetadata wheels;
    private final long maxMetadataBytes;

    public PypiIndex(PypiProperties properties, IndexClient client, PypiMetrics metrics) {
        this.root = properties.root();
        this.client = client;
        this.pages = new PageReader(client);
        this.origins = properties.origins();
        this.metrics = metrics;
        this.wheels = new WheelMetadata(client, properties.maxWheelBytes(), properties.maxMetadataBytes());
        this.maxMetadataBytes = properties.maxMetadataBytes();
    }

    public String root() {
        return root;
    }

    /** The page of a project, {@code <root>/<normalized name>/} as PEP 503 names it. */
    public String pageUrl(String normalizedName) {
        return root + "/" + normalizedName + "/";
    }

    Page read(String normalizedName, Validators previous) {
        PageReader.Outcome outcome = pages.read(pageUrl(normalizedName), previous);
        if (outcome instanceof PageReader.Outcome.NotModified) {
            return new Page.NotModified();
        }
        if (outcome instanceof PageReader.Outcome.Missing) {
            return new Page.Missing();
        }
        if (outcome instanceof PageReader.Outcome.Failed failed) {
            return new Page.Failed(failed.reason());
        }
        PageReader.Outcome.Read read = (PageReader.Outcome.Read) outcome;
        WheelLinks.Result wheels = WheelLinks.of(normalizedName, read.page());
        List<IndexedFile> files = new ArrayList<>(wheels.files().size());
        int foreign = 0;
        for (IndexedFile file : wheels.files()) {
            if (origins.allows(file.url())) {
                files.add(file);
            } else {
                foreign++;
            }
        }
        if (foreign > 0) {
            log.warn("PyPI page of {} links {} wheel(s) outside the allowed origins ({}; torchplan.pypi.allowed-origins);"
                    + " dropped them", normalizedName, foreign, origins);
        }
        metrics.skipped(wheels.skipped() + foreign);
        return new Page.Listed(files, wheels.skipped() + foreign, read.validators());
    }

    /**
     * The core metadata text of a wheel, and where it was read from.
     *
     * @throws MetadataDigestException when the metadata file's sha256 is not the one the page declared
     * @throws IOException when it cannot be read
     */
    WheelMetadata.Read metadata(IndexedFile file) throws IOException {
        if (file.hasCoreMetadata()) {
            FileResponse response = client.fetchFile(file.url() + ".metadata", null, maxMetadataBytes);
            if (response.isSuccessful()) {
                if (file.coreMetadataSha256() != null && !file.coreMetadataSha256().equals(response.sha256())) {
                    throw new MetadataDigestException(file, response.sha256());
                }
                return new WheelMetadata.Read(response.text(), PypiMetrics.MetadataOrigin.METADATA_FILE);
            }
            log.info("PyPI declared a metadata file for {} but answered HTTP {}; reading METADATA from the wheel",
                    file.filename(), response.status());
        }
        WheelMetadata.Read read = wheels.read(file.url());
        log.info("Read the core metadata of {} from the wheel itself ({}): the index serves no metadata file for it",
                file.filename(), read.origin() == PypiMetrics.MetadataOrigin.WHEEL_RANGES
                        ? "range requests" : "downloaded whole, the server takes no range requests");
        return read;
    }

    /** A PEP 658 metadata file whose digest is not the declared one: refused, never used. */
    static final class MetadataDigestException extends IOException {

        MetadataDigestException(IndexedFile file, String actual) {
            super("the metadata file of " + file.filename() + " has sha256 " + actual + " where the index declares "
                    + file.coreMetadataSha256() + "; refused it");
        }
    }
}
