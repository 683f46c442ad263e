package org.torchplan.catalog.storage;

import org.torchplan.catalog.model.CatalogSource;
import org.torchplan.catalog.model.Channel;
import org.torchplan.catalog.model.IndexedFile;
import org.torchplan.catalog.model.PackageEntry;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.zip.CRC32C;
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
 * #hosts	download-r2.pytorch.org,download.pytorch.org    where the file URLs point (informative)
 * #complete	stable                              channels held in full (absent: every channel with a B row)
 * B	stable	cpu,cu126,...                       backends of a channel
 * E	stable	cu126	torch	2026-05-19T06:15:55Z    an entry: channel, backend, package, fetched at
 * F	name	url	sha256	requires-python	core-metadata(0|1|sha256=hex)	upload-time	yanked(-|y+reason)
 * #crc32c	hex CRC-32C of every line above, each with its newline
 * </pre>
 *
 * URLs are stored exactly as the index wrote them (gzip takes care of the repeated host prefixes), so the files
 * a plan names are byte-identical to upstream's. The trailing checksum detects truncation and bit rot.
 */
public final class CatalogFileFormat {

    public static final String MAGIC = "#torchplan-catalog";
    public static final String VERSION = "1";
    /** CRC-32C: detects truncation and corruption, and costs milliseconds where SHA-256 cost a start-up second. */
    public static final String CHECKSUM = "#crc32c";
    /** What a catalog file may expand to; the full stable, nightly and test catalog is a few tens of MiB. */
    public static final long MAX_EXPANDED_BYTES = 256L << 20;

    private CatalogFileFormat() {}

    public static void write(CatalogData data, OutputStream target) throws IOException {
        CRC32C checksum = new CRC32C();
        GZIPOutputStream gzip = new GZIPOutputStream(target, 1 << 16);
        Writer writer = new java.io.BufferedWriter(new java.io.OutputStreamWriter(gzip, StandardCharsets.UTF_8), 1 << 16);
        LineSink sink = line -> {
            String withNewline = line + "\n";
            checksum.update(withNewline.getBytes(StandardCharsets.UTF_8));
            writer.write(withNewline);
        };
        sink.line(MAGIC + "\t" + VERSION);
        sink.line("#recorded\t" + data.recordedAt());
        sink.line("#upstream\t" + data.upstream());
        sink.line("#hosts\t" + String.join(",", hosts(data)));
        sink.line("#complete\t" + String.join(",", data.completeChannels().stream().sorted().map(Channel::id).toList()));
        // in channel order; new EnumMap<>(map) of an empty map that is no EnumMap throws ("Specified map is empty")
        Map<Channel, SortedSet<ComputeBackend>> byChannel = new EnumMap<>(Channel.class);
        byChannel.putAll(data.backends());
        for (Map.Entry<Channel, SortedSet<ComputeBackend>> channel : byChannel.entrySet()) {
            List<String> names = channel.getValue().stream().map(ComputeBackend::toString).toList();
            sink.line("B\t" + channel.getKey().id() + "\t" + String.join(",", names));
        }
        for (PackageEntry entry : data.entries()) {
            sink.line("E\t" + entry.channel().id() + "\t" + entry.backend() + "\t" + entry.packageName() + "\t"
                    + (entry.fetchedAt() == null ? "" : entry.fetchedAt().toString()));
            for (IndexedFile file : entry.files()) {
                sink.line(fileRow(file));
            }
        }
        writer.write(CHECKSUM + "\t" + Long.toHexString(checksum.getValue()) + "\n");
        writer.flush();
        gzip.finish();
    }

    /**
     * Reads a catalog file; every entry gets {@code source}.
     *
     * @throws CorruptCatalogFileException when the file is not a complete, intact catalog file
     */
    public static CatalogData read(InputStream source, CatalogSource entrySource) throws CorruptCatalogFileException {
        return read(source, entrySource, MAX_EXPANDED_BYTES);
    }

    /**
     * Reads a catalog file that may expand to at most {@code maxExpandedBytes}; a larger one (a gzip bomb) is
     * refused before it is held in memory whole.
     *
     * @throws CorruptCatalogFileException when the file is not a complete, intact catalog file, or too large
     */
    public static CatalogData read(InputStream source, CatalogSource entrySource, long maxExpandedBytes)
            throws CorruptCatalogFileException {
        String text = checkedText(source, maxExpandedBytes);
        try {
            return parse(text, entrySource);
        } catch (RuntimeException malformed) {
            // backend and channel parse errors, bad instants, short rows: checksummed, so written by another version
            throw new CorruptCatalogFileException("malformed: " + malformed.getMessage(), malformed);
        }
    }

    /**
     * The lines of a gzip'd file that ends with a {@value #CHECKSUM} line, without that line, once the checksum
     * matched; expanded to at most {@code maxExpandedBytes} (a gzip bomb is refused before it is held whole). Other
     * files of the data directory (the PyPI projects) share the framing.
     *
     * @throws CorruptCatalogFileException when the file is cut short, damaged or too large
     */
    public static String checkedText(InputStream source, long maxExpandedBytes) throws CorruptCatalogFileException {
        byte[] content;
        try (GZIPInputStream gzip = new GZIPInputStream(source, 1 << 16)) {
            content = gzip.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxExpandedBytes + 1));
        } catch (EOFException cutShort) {
            throw new CorruptCatalogFileException("truncated: the gzip data ends early", cutShort);
        } catch (IOException unreadable) {
            throw new CorruptCatalogFileException("unreadable: " + describe(unreadable), unreadable);
        }
        if (content.length > maxExpandedBytes) {
            throw new CorruptCatalogFileException("expands to more than " + maxExpandedBytes + " bytes");
        }
        int trailer = lastLineStart(content);
        String checksumLine = new String(content, trailer, content.length - trailer, StandardCharsets.UTF_8).strip();
        if (!checksumLine.startsWith(CHECKSUM + "\t")) {
            throw new CorruptCatalogFileException("truncated: no checksum line at the end");
        }
        CRC32C checksum = new CRC32C();
        checksum.update(content, 0, trailer);
        if (!checksumLine.substring(CHECKSUM.length() + 1).equals(Long.toHexString(checksum.getValue()))) {
            throw new CorruptCatalogFileException("checksum mismatch");
        }
        return new String(content, 0, trailer, StandardCharsets.UTF_8);
    }

    /**
     * Writes {@code lines} gzip'd, each with a newline, followed by the {@value #CHECKSUM} line over them: the
     * framing {@link #checkedText} reads.
     */
    public static void writeChecked(Iterable<String> lines, OutputStream target) throws IOException {
        CRC32C checksum = new CRC32C();
        GZIPOutputStream gzip = new GZIPOutputStream(target, 1 << 16);
        Writer writer = new java.io.BufferedWriter(new java.io.OutputStreamWriter(gzip, StandardCharsets.UTF_8), 1 << 16);
        for (String line : lines) {
            String withNewline = line + "\n";
            checksum.update(withNewline.getBytes(StandardCharsets.UTF_8));
            writer.write(withNewline);
        }
        writer.write(CHECKSUM + "\t" + Long.toHexString(checksum.getValue()) + "\n");
        writer.flush();
        gzip.finish();
    }

    /**
     * How many bytes a catalog file expands to, counted without holding them, up to {@code limit}: a gzip bomb is
     * caught before anything of it is kept in memory.
     *
     * @throws CorruptCatalogFileException when it expands to more than {@code limit} bytes or is not gzip data
     */
    public static long expandedSize(InputStream source, long limit) throws CorruptCatalogFileException {
        try (GZIPInputStream gzip = new GZIPInputStream(source, 1 << 16)) {
            byte[] buffer = new byte[1 << 16];
            long total = 0;
            for (int read = gzip.read(buffer); read >= 0; read = gzip.read(buffer)) {
                total += read;
                if (total > limit) {
                    throw new CorruptCatalogFileException("expands to more than " + limit + " bytes");
                }
            }
            return total;
        } catch (EOFException cutShort) {
            throw new CorruptCatalogFileException("truncated: the gzip data ends early", cutShort);
        } catch (IOException unreadable) {
            throw new CorruptCatalogFileException("unreadable: " + describe(unreadable), unreadable);
        }
    }

    /** An exception's message, or its kind when it has none (an empty file once logged "unreadable: null"). */
    static String describe(Exception exception) {
        return exception.getMessage() == null ? exception.getClass().getSimpleName() : exception.getMessage();
    }

    private static CatalogData parse(String text, CatalogSource entrySource) throws CorruptCatalogFileException {
        Map<Channel, SortedSet<ComputeBackend>> backends = new EnumMap<>(Channel.class);
        List<PackageEntry> entries = new ArrayList<>();
        // root files are listed on every backend's page: identical rows share one parsed file
        Map<String, IndexedFile> filesByRow = new HashMap<>();
        Instant recordedAt = null;
        String upstream = null;
        java.util.Set<Channel> complete = null;
        EntryUnderConstruction current = null;
        int lineNumber = 0;
        int lineStart = 0;
        while (lineStart < text.length()) {
            int lineEnd = text.indexOf('\n', lineStart);
            if (lineEnd < 0) {
                lineEnd = text.length();
            }
            String line = text.substring(lineStart, lineEnd);
            lineStart = lineEnd + 1;
            lineNumber++;
            if (lineNumber == 1) {
                if (!line.equals(MAGIC + "\t" + VERSION)) {
                    throw new CorruptCatalogFileException("not a torchplan catalog file (version " + VERSION + ")");
                }
                continue;
            }
            if (line.startsWith("F\t")) {
                if (current == null) {
                    throw new CorruptCatalogFileException("file row out of place at line " + lineNumber);
                }
                IndexedFile file = filesByRow.get(line);
                if (file == null) {
                    String[] fields = line.split("\t", -1);
                    if (fields.length != 8) {
                        throw new CorruptCatalogFileException("short file row at line " + lineNumber);
                    }
                    file = file(fields);
                    if (file != null) {
                        filesByRow.put(line, file);
                    }
                }
                if (file != null) {
                    current.files.add(file);
                }
                continue;
            }
            String[] fields = line.split("\t", -1);
            switch (fields[0]) {
                case "#recorded" -> recordedAt = Instant.parse(fields[1]);
                case "#upstream" -> upstream = fields[1];
                case "#complete" -> {
                    complete = new java.util.HashSet<>();
                    for (String id : fields[1].split(",")) {
                        if (!id.isEmpty()) {
                            complete.add(Channel.parse(id));
                        }
                    }
                }
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
                            fields[3], fields[4].isEmpty() ? null : instant(fields[4]));
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
        if (recordedAt == null || upstream == null) {
            throw new CorruptCatalogFileException("header lacks #recorded or #upstream");
        }
        return complete == null
                ? new CatalogData(recordedAt, upstream, backends, entries)
                : new CatalogData(recordedAt, upstream, backends, entries, complete);
    }

    /** Where the last line (the checksum) starts; the content ends with a newline. */
    private static int lastLineStart(byte[] content) {
        int end = content.length - 1;
        if (end >= 0 && content[end] == '\n') {
            end--;
        }
        while (end >= 0 && content[end] != '\n') {
            end--;
        }
        return end + 1;
    }

    /** The {@code F} row of a file (shared with the PyPI projects file). */
    public static String fileRow(IndexedFile file) {
        return "F\t" + escape(file.filename().toString()) + "\t" + escape(file.url()) + "\t"
                + nullable(file.sha256()) + "\t" + nullable(file.requiresPython()) + "\t"
                + coreMetadata(file) + "\t"
                + (file.uploadTime() == null ? "" : file.uploadTime().toString()) + "\t"
                + (file.yanked() == null ? "-" : "y" + escape(file.yanked()));
    }

    /**
     * The file of a row ({@code line.split("\t", -1)}, 8 fields), or null when its name no longer parses: the row
     * was checksummed, so this is a stricter parser than the one that wrote the file, and one file less is better
     * than no catalog.
     */
    public static IndexedFile file(String[] fields) {
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
                !fields[5].equals("0"),
                fields[6].isEmpty() ? null : instant(fields[6]),
                fields[7].equals("-") ? null : unescape(fields[7].substring(1)),
                isSha256Digest(fields[5]) ? fields[5].substring(7) : null);
    }

    /** {@code sha256=} and 64 lower-case hex digits: a core metadata file's declared digest. */
    private static boolean isSha256Digest(String field) {
        if (field.length() != 71 || !field.startsWith("sha256=")) {
            return false;
        }
        for (int index = 7; index < field.length(); index++) {
            char character = field.charAt(index);
            if (!(character >= '0' && character <= '9' || character >= 'a' && character <= 'f')) {
                return false;
            }
        }
        return true;
    }

    /**
     * An instant as {@link Instant#toString()} writes it ({@code 2026-05-19T06:15:55Z}, optionally with a fraction
     * of up to nine digits), read without a formatter: a catalog load reads one per file. Anything else goes to
     * {@link Instant#parse}, which stays the reference (and the one that refuses).
     */
    static Instant instant(String text) {
        int length = text.length();
        if (length < 20 || length > 30 || text.charAt(4) != '-' || text.charAt(7) != '-' || text.charAt(10) != 'T'
                || text.charAt(13) != ':' || text.charAt(16) != ':' || text.charAt(length - 1) != 'Z') {
            return Instant.parse(text);
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 7);
        int day = digits(text, 8, 10);
        int hour = digits(text, 11, 13);
        int minute = digits(text, 14, 16);
        int second = digits(text, 17, 19);
        int nanos = 0;
        if (length > 20) {
            int fraction = length - 21; // digits between '.' and 'Z'
            if (text.charAt(19) != '.' || fraction < 1 || fraction > 9) {
                return Instant.parse(text);
            }
            nanos = digits(text, 20, length - 1);
            for (int scale = fraction; nanos >= 0 && scale < 9; scale++) {
                nanos *= 10;
            }
        }
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > 31 || hour < 0 || hour > 23 || minute < 0
                || minute > 59 || second < 0 || second > 59 || nanos < 0) {
            return Instant.parse(text);
        }
        long epochDay;
        try {
            epochDay = java.time.LocalDate.of(year, month, day).toEpochDay();
        } catch (java.time.DateTimeException noSuchDay) {
            return Instant.parse(text); // February 30th: the reference refuses it in its own words
        }
        return Instant.ofEpochSecond(epochDay * 86_400 + hour * 3_600L + minute * 60L + second, nanos);
    }

    /** The decimal number of {@code text[start, end)}, or -1 when a character there is not an ASCII digit. */
    private static int digits(String text, int start, int end) {
        int value = 0;
        for (int index = start; index < end; index++) {
            char character = text.charAt(index);
            if (character < '0' || character > '9') {
                return -1;
            }
            value = value * 10 + (character - '0');
        }
        return value;
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

    /** The hosts the file URLs point to, for readers of the file (the URLs themselves stay complete). */
    private static java.util.SortedSet<String> hosts(CatalogData data) {
        java.util.SortedSet<String> hosts = new TreeSet<>();
        for (PackageEntry entry : data.entries()) {
            for (IndexedFile file : entry.files()) {
                int start = file.url().indexOf("://");
                int end = start < 0 ? -1 : file.url().indexOf('/', start + 3);
                if (end > start) {
                    hosts.add(file.url().substring(start + 3, end));
                }
            }
        }
        return hosts;
    }

    /** Whether the index serves PEP 658 metadata, with the digest it declares for it when it declares one. */
    private static String coreMetadata(IndexedFile file) {
        if (!file.hasCoreMetadata()) {
            return "0";
        }
        return file.coreMetadataSha256() == null ? "1" : "sha256=" + file.coreMetadataSha256();
    }

    private static String nullable(String value) {
        return value == null ? "" : escape(value);
    }

    /** Tabs, newlines and backslashes escaped, so a value fits in one field of a row. */
    public static String escape(String value) {
        if (value.indexOf('\\') < 0 && value.indexOf('\t') < 0 && value.indexOf('\n') < 0 && value.indexOf('\r') < 0) {
            return value;
        }
        return value.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r");
    }

    public static String unescape(String value) {
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
}
