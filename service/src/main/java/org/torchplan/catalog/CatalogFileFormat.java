package org.torchplan.catalog;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.torchplan.backend.ComputeBackend;
import org.torchplan.packaging.PackagingParseException;
import org.torchplan.packaging.WheelFilename;

/**
 * The gzip'd, tab-separated file format of the embedded snapshot and the persisted catalog.
 *
 * <pre>
 * #torchplan-catalog	1
 * #recorded	2026-05-19T06:15:55Z
 * #upstream	https://download.pytorch.org/whl
 * B	stable	cpu,cu126,...                       backends of a channel
 * E	stable	cu126	torch	2026-05-19T06:15:55Z    an entry: channel, backend, package, fetched at
 * F	name	url	sha256	requires-python	core-metadata(0|1)	upload-time	yanked(-|y+reason)
 * #sha256	hex digest of every line above, each with its newline
 * </pre>
 *
 * URLs are stored exactly as the index wrote them (gzip takes care of the repeated host prefixes), so the files
 * a plan names are byte-identical to upstream's. The trailing checksum detects truncation and bit rot.
 */
final class CatalogFileFormat {

    static final String MAGIC = "#torchplan-catalog";
    static final String VERSION = "1";

    private CatalogFileFormat() {}

    static void write(CatalogData data, OutputStream target) throws IOException {
        MessageDigest digest = sha256();
        GZIPOutputStream gzip = new GZIPOutputStream(target, 1 << 16);
        Writer writer = new java.io.BufferedWriter(new java.io.OutputStreamWriter(gzip, StandardCharsets.UTF_8), 1 << 16);
        LineSink sink = line -> {
            String withNewline = line + "\n";
            digest.update(withNewline.getBytes(StandardCharsets.UTF_8));
            writer.write(withNewline);
        };
        sink.line(MAGIC + "\t" + VERSION);
        sink.line("#recorded\t" + data.recordedAt());
        sink.line("#upstream\t" + data.upstream());
        for (Map.Entry<Channel, SortedSet<ComputeBackend>> channel : new EnumMap<>(data.backends()).entrySet()) {
            List<String> names = channel.getValue().stream().map(ComputeBackend::toString).toList();
            sink.line("B\t" + channel.getKey().id() + "\t" + String.join(",", names));
        }
        for (PackageEntry entry : data.entries()) {
            sink.line("E\t" + entry.channel().id() + "\t" + entry.backend() + "\t" + entry.packageName() + "\t"
                    + (entry.fetchedAt() == null ? "" : entry.fetchedAt().toString()));
            for (IndexedFile file : entry.files()) {
                sink.line("F\t" + escape(file.filename().toString()) + "\t" + escape(file.url()) + "\t"
                        + nullable(file.sha256()) + "\t" + nullable(file.requiresPython()) + "\t"
                        + (file.hasCoreMetadata() ? "1" : "0") + "\t"
                        + (file.uploadTime() == null ? "" : file.uploadTime().toString()) + "\t"
                        + (file.yanked() == null ? "-" : "y" + escape(file.yanked())));
            }
        }
        writer.write("#sha256\t" + HexFormat.of().formatHex(digest.digest()) + "\n");
        writer.flush();
        gzip.finish();
    }

    /**
     * Reads a catalog file; every entry gets {@code source}.
     *
     * @throws CorruptCatalogFileException when the file is not a complete, intact catalog file
     */
    static CatalogData read(InputStream source, CatalogSource entrySource) throws CorruptCatalogFileException {
        MessageDigest digest = sha256();
        Map<Channel, SortedSet<ComputeBackend>> backends = new EnumMap<>(Channel.class);
        List<PackageEntry> entries = new ArrayList<>();
        Instant recordedAt = null;
        String upstream = null;
        String expectedDigest = null;
        int lineNumber = 0;
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(new GZIPInputStream(source, 1 << 16), StandardCharsets.UTF_8), 1 << 16)) {
            EntryUnderConstruction current = null;
            String line;
            while ((line = reader.readLine()) != null) {
                lineNumber++;
                if (line.startsWith("#sha256\t")) {
                    expectedDigest = line.substring(8);
                    break;
                }
                digest.update(line.getBytes(StandardCharsets.UTF_8));
                digest.update((byte) '\n');
                String[] fields = line.split("\t", -1);
                if (lineNumber == 1) {
                    if (!fields[0].equals(MAGIC) || fields.length < 2 || !fields[1].equals(VERSION)) {
                        throw new CorruptCatalogFileException("not a torchplan catalog file (version " + VERSION + ")");
                    }
                    continue;
                }
                switch (fields[0]) {
                    case "#recorded" -> recordedAt = Instant.parse(fields[1]);
                    case "#upstream" -> upstream = fields[1];
                    case "B" -> {
                        SortedSet<ComputeBackend> set = new TreeSet<>();
                        for (String name : fields[2].split(",")) {
                            if (!name.isEmpty()) {
                                set.add(ComputeBackend.parse(name));
                            }
                        }
                        backends.put(Channel.parse(fields[1]), set);
                    }
                    case "E" -> {
                        if (current != null) {
                            entries.add(current.build(entrySource));
                        }
                        current = new EntryUnderConstruction(Channel.parse(fields[1]), ComputeBackend.parse(fields[2]),
                                fields[3], fields[4].isEmpty() ? null : Instant.parse(fields[4]));
                    }
                    case "F" -> {
                        if (current == null || fields.length != 8) {
                            throw new CorruptCatalogFileException("file row out of place at line " + lineNumber);
                        }
                        IndexedFile file = file(fields);
                        if (file != null) {
                            current.files.add(file);
                        }
                    }
                    default -> {
                        if (!line.startsWith("#")) {
                            throw new CorruptCatalogFileException("unknown row at line " + lineNumber);
                        }
                    }
                }
            }
            if (current != null) {
                entries.add(current.build(entrySource));
            }
        } catch (IOException | UncheckedIOException unreadable) {
            throw new CorruptCatalogFileException("unreadable at line " + lineNumber + ": " + unreadable.getMessage(),
                    unreadable);
        } catch (RuntimeException malformed) {
            // PackagingParseException, backend and channel parse errors, bad instants, short rows
            throw new CorruptCatalogFileException("malformed at line " + lineNumber + ": " + malformed.getMessage(),
                    malformed);
        }
        if (expectedDigest == null) {
            throw new CorruptCatalogFileException("truncated: no checksum line after line " + lineNumber);
        }
        if (!expectedDigest.equals(HexFormat.of().formatHex(digest.digest()))) {
            throw new CorruptCatalogFileException("checksum mismatch");
        }
        if (recordedAt == null || upstream == null) {
            throw new CorruptCatalogFileException("header lacks #recorded or #upstream");
        }
        return new CatalogData(recordedAt, upstream, backends, entries);
    }

    /**
     * The file of a row, or null when its name no longer parses: the row was checksummed, so this is a stricter
     * parser than the one that wrote the file, and one file less is better than no catalog.
     */
    private static IndexedFile file(String[] fields) {
        WheelFilename filename;
        try {
            filename = WheelFilename.parse(unescape(fields[1]));
        } catch (PackagingParseException unparseable) {
            return null;
        }
        return new IndexedFile(
                filename,
                unescape(fields[2]),
                fields[3].isEmpty() ? null : fields[3],
                fields[4].isEmpty() ? null : unescape(fields[4]),
                fields[5].equals("1"),
                fields[6].isEmpty() ? null : Instant.parse(fields[6]),
                fields[7].equals("-") ? null : unescape(fields[7].substring(1)));
    }

    /** Collects the rows of one entry; sorted once when complete. */
    private static final class EntryUnderConstruction {
        private final Channel channel;
        private final ComputeBackend backend;
        private final String packageName;
        private final Instant fetchedAt;
        private final List<IndexedFile> files = new ArrayList<>();

        EntryUnderConstruction(Channel channel, ComputeBackend backend, String packageName, Instant fetchedAt) {
            this.channel = channel;
            this.backend = backend;
            this.packageName = packageName;
            this.fetchedAt = fetchedAt;
        }

        PackageEntry build(CatalogSource source) {
            return PackageEntry.of(channel, backend, packageName, files, fetchedAt, source);
        }
    }

    @FunctionalInterface
    private interface LineSink {
        void line(String line) throws IOException;
    }

    private static String nullable(String value) {
        return value == null ? "" : escape(value);
    }

    private static String escape(String value) {
        if (value.indexOf('\\') < 0 && value.indexOf('\t') < 0 && value.indexOf('\n') < 0 && value.indexOf('\r') < 0) {
            return value;
        }
        return value.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r");
    }

    private static String unescape(String value) {
        if (value.indexOf('\\') < 0) {
            return value;
        }
        StringBuilder out = new StringBuilder(value.length());
        for (int index = 0; index < value.length(); index++) {
            char character = value.charAt(index);
            if (character == '\\' && index + 1 < value.length()) {
                char next = value.charAt(++index);
                out.append(switch (next) {
                    case 't' -> '\t';
                    case 'n' -> '\n';
                    case 'r' -> '\r';
                    default -> next;
                });
            } else {
                out.append(character);
            }
        }
        return out.toString();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("every Java runtime provides SHA-256", impossible);
        }
    }
}
