package org.torchplan.catalog;

import io.swagger.v3.oas.annotations.media.Schema;
import org.torchplan.catalog.model.IndexedFile;
import org.torchplan.catalog.model.PackageEntry;
import org.torchplan.catalog.live.CatalogService;
import org.torchplan.catalog.model.Channel;
import org.torchplan.catalog.model.UnknownChannelException;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.torchplan.backend.ComputeBackend;
import org.torchplan.backend.InvalidBackendException;
import org.torchplan.packaging.PackageName;

/** Shows what the catalog holds: {@code GET /catalog} and {@code GET /catalog/{channel}/{backend}/{package}}. */
@RestController
@Tag(name = "catalog", description = "What the catalog of the PyTorch indices holds")
public class CatalogController {

    private final CatalogService catalog;

    public CatalogController(CatalogService catalog) {
        this.catalog = catalog;
    }

    @GetMapping("/catalog")
    @Operation(summary = "Where the catalog came from, counts per channel and backend, stale entries")
    public CatalogSummary summary() {
        return CatalogSummary.of(catalog);
    }

    @GetMapping(path = "/catalog/overview", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Per channel held and backend, the newest torch, its Python tags, the companions paired"
            + " with it, and every torch release")
    public CatalogOverview overview() {
        return CatalogOverview.of(catalog);
    }

    @GetMapping("/catalog/{channel}/{backend}/{packageName}")
    @Operation(summary = "The files of one package on one backend of one channel")
    public EntryView entry(@PathVariable String channel, @PathVariable String backend,
            @PathVariable String packageName) {
        Channel parsedChannel = Channel.parse(channel);
        ComputeBackend parsedBackend = ComputeBackend.parse(backend);
        String normalized = PackageName.normalize(packageName);
        if (!catalog.packages().contains(normalized)) {
            throw new CatalogNotFoundException("package '" + packageName + "' is not in the catalog's package set "
                    + "(torchplan.catalog.packages)");
        }
        if (!catalog.backends(parsedChannel).contains(parsedBackend)) {
            throw new CatalogNotFoundException("the " + parsedChannel + " channel has no backend " + parsedBackend);
        }
        return EntryView.of(catalog.entry(parsedChannel, parsedBackend, normalized));
    }

    @ExceptionHandler({UnknownChannelException.class, InvalidBackendException.class})
    ProblemDetail badRequest(IllegalArgumentException invalid) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, invalid.getMessage());
        problem.setTitle("Invalid catalog path");
        problem.setType(URI.create("https://torchplan.org/problems/invalid-catalog-path"));
        return problem;
    }

    @ExceptionHandler(CatalogNotFoundException.class)
    ProblemDetail notFound(CatalogNotFoundException absent) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, absent.getMessage());
        problem.setTitle("Not in the catalog");
        problem.setType(URI.create("https://torchplan.org/problems/not-in-catalog"));
        return problem;
    }

    /** One entry's files as shown to users. */
    public record EntryView(
            String channel,
            String backend,
            String packageName,
            @Schema(allowableValues = {"snapshot", "persisted", "live"}) String source,
            Instant fetchedAt,
            String staleReason,
            List<FileView> files) {

        static EntryView of(PackageEntry entry) {
            return new EntryView(entry.channel().id(), entry.backend().toString(), entry.packageName(),
                    entry.source().id(), entry.fetchedAt(), entry.staleReason(),
                    entry.files().stream().map(FileView::of).toList());
        }
    }

    /** One file: name, version, the tags it supports, digest, URL, upload time. */
    public record FileView(
            String name,
            String version,
            List<String> tags,
            String sha256,
            String url,
            Instant uploadTime,
            String requiresPython,
            boolean coreMetadata,
            String yanked) {

        static FileView of(IndexedFile file) {
            List<String> tags = file.filename().tags().stream()
                    .map(tag -> tag.interpreter() + "-" + tag.abi() + "-" + tag.platform())
                    .toList();
            return new FileView(file.filename().toString(), file.version().toString(), tags, file.sha256(),
                    file.url(), file.uploadTime(), file.requiresPython(), file.hasCoreMetadata(), file.yanked());
        }
    }
}
