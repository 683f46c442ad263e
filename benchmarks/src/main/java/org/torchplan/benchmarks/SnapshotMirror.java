package org.torchplan.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.torchplan.backend.ComputeBackend;
import org.torchplan.catalog.model.Channel;
import org.torchplan.catalog.model.CatalogSnapshot;
import org.torchplan.catalog.storage.EmbeddedSnapshot;
import org.torchplan.catalog.model.IndexedFile;
import org.torchplan.catalog.model.PackageEntry;

/**
 * Writes a static PEP 503 copy of the stable channel from the embedded snapshot, laid out like
 * download.pytorch.org so any static file server (python3 -m http.server) can stand in for the index:
 * {@code whl/index.html} (backends and packages), {@code whl/<backend>/index.html},
 * {@code whl/<backend>/<package>/index.html} and the all-backends {@code whl/<package>/index.html} the catalog's
 * channel refresh reads. Links keep the snapshot's absolute download URLs, digests, {@code data-requires-python},
 * PEP 714 {@code data-core-metadata}, PEP 700 upload times and yank reasons.
 *
 * <p>It lets the refresh benchmark run from this repository alone, with no recorded mirror on the machine.
 * Usage: {@code java -cp benchmarks.jar org.torchplan.benchmarks.SnapshotMirror <output-directory>}
 */
public final class SnapshotMirror {

    private SnapshotMirror() {
    }

    public static void main(String[] arguments) throws IOException {
        if (arguments.length != 1) {
            System.err.println("usage: SnapshotMirror <output-directory>  (writes <output-directory>/whl/...)");
            System.exit(2);
        }
        Path root = Path.of(arguments[0]).resolve("whl");
        CatalogSnapshot catalog = EmbeddedSnapshot.stable();
        SortedMap<String, SortedMap<String, PackageEntry>> packagesByBackend = new TreeMap<>();
        SortedMap<String, Map<String, IndexedFile>> filesByPackage = new TreeMap<>();
        int pages = 0;
        for (PackageEntry entry : catalog.entries()) {
            if (entry.channel() != Channel.STABLE || entry.files().isEmpty()) {
                continue;
            }
            packagesByBackend.computeIfAbsent(entry.backend().toString(), unused -> new TreeMap<>())
                    .put(entry.packageName(), entry);
            // a file stored at the index root is listed on every backend's page, but once on the package's page
            Map<String, IndexedFile> files = filesByPackage.computeIfAbsent(entry.packageName(),
                    unused -> new LinkedHashMap<>());
            entry.files().forEach(file -> files.putIfAbsent(file.url(), file));
        }
        SortedSet<String> rootLinks = new TreeSet<>();
        for (ComputeBackend backend : catalog.backends()) {
            rootLinks.add(backend.toString());
        }
        rootLinks.addAll(packagesByBackend.keySet());
        rootLinks.addAll(filesByPackage.keySet());
        write(root, listing("Links for whl", rootLinks));
        pages++;
        for (Map.Entry<String, SortedMap<String, PackageEntry>> backend : packagesByBackend.entrySet()) {
            Path backendDirectory = root.resolve(backend.getKey());
            write(backendDirectory, listing("Links for " + backend.getKey(), backend.getValue().keySet()));
            pages++;
            for (PackageEntry entry : backend.getValue().values()) {
                write(backendDirectory.resolve(entry.packageName()), filePage(entry.packageName(), entry.files()));
                pages++;
            }
        }
        int files = 0;
        for (Map.Entry<String, Map<String, IndexedFile>> entry : filesByPackage.entrySet()) {
            write(root.resolve(entry.getKey()), filePage(entry.getKey(), entry.getValue().values()));
            files += entry.getValue().size();
            pages++;
        }
        System.out.printf("wrote %d pages (%d packages, %d distinct files) under %s%n", pages, filesByPackage.size(),
                files, root);
    }

    private static String listing(String title, Collection<String> folders) {
        StringBuilder html = header(title);
        for (String folder : folders) {
            String escaped = escape(folder);
            html.append("    <a href=\"").append(escaped).append("/\">").append(escaped).append("</a><br/>\n");
        }
        return footer(html);
    }

    private static String filePage(String packageName, Collection<IndexedFile> files) {
        StringBuilder html = header("Links for " + packageName);
        for (IndexedFile file : files) {
            html.append("    <a href=\"").append(escape(file.url()));
            if (file.sha256() != null) {
                html.append("#sha256=").append(file.sha256());
            }
            html.append('"');
            if (file.requiresPython() != null) {
                html.append(" data-requires-python=\"").append(escape(file.requiresPython())).append('"');
            }
            if (file.hasCoreMetadata()) {
                html.append(" data-dist-info-metadata=\"true\" data-core-metadata=\"true\"");
            }
            if (file.uploadTime() != null) {
                html.append(" data-upload-time=\"").append(file.uploadTime()).append('"');
            }
            if (file.yanked() != null) {
                html.append(" data-yanked=\"").append(escape(file.yanked())).append('"');
            }
            html.append('>').append(escape(file.filename().toString())).append("</a><br/>\n");
        }
        return footer(html);
    }

    private static StringBuilder header(String title) {
        return new StringBuilder("<!DOCTYPE html>\n<html>\n  <body>\n    <h1>").append(escape(title)).append("</h1>\n");
    }

    private static String footer(StringBuilder html) {
        return html.append("  </body>\n</html>\n").toString();
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static void write(Path directory, String html) throws IOException {
        Files.createDirectories(directory);
        Files.writeString(directory.resolve("index.html"), html, StandardCharsets.UTF_8);
    }
}
