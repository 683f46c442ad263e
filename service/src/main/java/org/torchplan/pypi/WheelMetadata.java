package org.torchplan.pypi;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import org.torchplan.catalog.index.FileResponse;
import org.torchplan.catalog.index.IndexClient;

/**
 * Reads the {@code METADATA} file out of a wheel when the index serves no PEP 658 metadata file for it, the way pip
 * and uv do ("lazy wheel"): a range request for the end of the zip (its central directory), then one for the
 * METADATA entry alone, so a 2 GB wheel costs two small requests. A server that ignores ranges answers with the
 * whole file; that is read while it stays within {@code maxWheelBytes}, and counted apart.
 */
final class WheelMetadata {

    /** The end of a zip: the end-of-central-directory record (22 bytes plus a comment) and usually the directory. */
    private static final int TAIL_BYTES = 64 * 1024;
    private static final int END_OF_DIRECTORY = 0x06054b50;
    private static final int DIRECTORY_ENTRY = 0x02014b50;
    private static final int LOCAL_HEADER = 0x04034b50;
    private static final Pattern CONTENT_RANGE = Pattern.compile("bytes (\\d+)-(\\d+)/(\\d+|\\*)");

    /** The metadata text and how it was reached. */
    record Read(String text, PypiMetrics.MetadataOrigin origin) {}

    private final IndexClient client;
    private final long maxWheelBytes;
    private final long maxMetadataBytes;

    WheelMetadata(IndexClient client, long maxWheelBytes, long maxMetadataBytes) {
        this.client = client;
        this.maxWheelBytes = maxWheelBytes;
        this.maxMetadataBytes = maxMetadataBytes;
    }

    /** @throws IOException when the wheel cannot be fetched, is too large to download whole, or is no valid zip */
    Read read(String url) throws IOException {
        // the bound covers the tail asked for; a whole file answered instead must also stay within maxWheelBytes
        FileResponse tail = client.fetchFile(url, "bytes=-" + TAIL_BYTES, Math.max(TAIL_BYTES, maxWheelBytes));
        if (tail.status() == 200) {
            if (tail.body().length > maxWheelBytes) {
                throw new IndexClient.FileTooLargeException(url, tail.body().length, maxWheelBytes);
            }
            return new Read(metadataOf(new Part(tail.body(), 0), url, null), PypiMetrics.MetadataOrigin.WHEEL_DOWNLOAD);
        }
        if (tail.status() != 206) {
            throw new IOException("fetch of " + url + " answered HTTP " + tail.status());
        }
        Matcher range = tail.contentRange() == null ? null : CONTENT_RANGE.matcher(tail.contentRange());
        if (range == null || !range.matches()) {
            throw new IOException(url + " answered a range without a usable Content-Range: " + tail.contentRange());
        }
        Part end = new Part(tail.body(), Long.parseLong(range.group(1)));
        return new Read(metadataOf(end, url, this::fetchRange), PypiMetrics.MetadataOrigin.WHEEL_RANGES);
    }

    private Part fetchRange(String url, long start, long length) throws IOException {
        FileResponse response = client.fetchFile(url, "bytes=" + start + "-" + (start + length - 1),
                Math.max(length, 1));
        if (response.status() != 206 || response.body().length < length) {
            throw new IOException(url + " did not answer the range " + start + "+" + length + " (HTTP "
                    + response.status() + ")");
        }
        return new Part(response.body(), start);
    }

    /** Bytes of the wheel starting at {@code start}. */
    private record Part(byte[] bytes, long start) {

        boolean holds(long from, long length) {
            return from >= start && from + length <= start + bytes.length;
        }

        ByteBuffer at(long from, long length) {
            return ByteBuffer.wrap(bytes, (int) (from - start), (int) length).slice().order(ByteOrder.LITTLE_ENDIAN);
        }
    }

    @FunctionalInterface
    private interface RangeFetch {
        Part fetch(String url, long start, long length) throws IOException;
    }

    private String metadataOf(Part end, String url, RangeFetch more) throws IOException {
        byte[] bytes = end.bytes();
        int record = -1;
        for (int index = bytes.length - 22; index >= 0; index--) {
            if (ByteBuffer.wrap(bytes, index, 4).order(ByteOrder.LITTLE_ENDIAN).getInt() == END_OF_DIRECTORY) {
                record = index;
                break;
            }
        }
        if (record < 0) {
            throw new IOException(url + " is not a zip file (no end of central directory)");
        }
        ByteBuffer endRecord = ByteBuffer.wrap(bytes, record, 22).slice().order(ByteOrder.LITTLE_ENDIAN);
        long directorySize = Integer.toUnsignedLong(endRecord.getInt(12));
        long directoryOffset = Integer.toUnsignedLong(endRecord.getInt(16));
        if (directoryOffset == 0xffffffffL || directorySize > maxMetadataBytes * 16) {
            throw new IOException(url + ": a zip64 or oversized central directory is not read");
        }
        Part directory = end.holds(directoryOffset, directorySize) ? end : need(more, url, directoryOffset, directorySize);
        Entry entry = findMetadata(directory.at(directoryOffset, directorySize), url);
        // the local extra field may differ from the central one; local data always lies before the directory
        long wanted = Math.min(30 + entry.nameLength() + 1024L + entry.compressedSize(),
                directoryOffset - entry.offset());
        Part local = end.holds(entry.offset(), 30) ? end : need(more, url, entry.offset(), wanted);
        ByteBuffer header = local.at(entry.offset(), 30);
        if (header.getInt(0) != LOCAL_HEADER) {
            throw new IOException(url + ": no local header where the directory points");
        }
        long dataStart = entry.offset() + 30 + Short.toUnsignedInt(header.getShort(26))
                + Short.toUnsignedInt(header.getShort(28));
        if (!local.holds(dataStart, entry.compressedSize())) {
            local = need(more, url, dataStart, entry.compressedSize());
        }
        ByteBuffer data = local.at(dataStart, entry.compressedSize());
        byte[] compressed = new byte[(int) entry.compressedSize()];
        data.get(compressed);
        return new String(expand(compressed, entry, url), StandardCharsets.UTF_8);
    }

    private Part need(RangeFetch more, String url, long start, long length) throws IOException {
        if (more == null) {
            throw new IOException(url + ": the zip points outside the file");
        }
        return more.fetch(url, start, length);
    }

    private record Entry(long offset, long compressedSize, long size, int method, int nameLength) {}

    /** The {@code *.dist-info/METADATA} entry at the top of the wheel. */
    private Entry findMetadata(ByteBuffer directory, String url) throws IOException {
        int position = 0;
        while (position + 46 <= directory.limit()) {
            if (directory.getInt(position) != DIRECTORY_ENTRY) {
                throw new IOException(url + ": damaged central directory");
            }
            int method = Short.toUnsignedInt(directory.getShort(position + 10));
            long compressedSize = Integer.toUnsignedLong(directory.getInt(position + 20));
            long size = Integer.toUnsignedLong(directory.getInt(position + 24));
            int nameLength = Short.toUnsignedInt(directory.getShort(position + 28));
            int extraLength = Short.toUnsignedInt(directory.getShort(position + 30));
            int commentLength = Short.toUnsignedInt(directory.getShort(position + 32));
            long offset = Integer.toUnsignedLong(directory.getInt(position + 42));
            if (position + 46 + nameLength > directory.limit()) {
                throw new IOException(url + ": damaged central directory");
            }
            byte[] name = new byte[nameLength];
            directory.get(position + 46, name);
            String entryName = new String(name, StandardCharsets.UTF_8);
            int slash = entryName.indexOf('/');
            if (slash > 0 && entryName.indexOf('/', slash + 1) < 0
                    && entryName.substring(0, slash).endsWith(".dist-info")
                    && entryName.substring(slash + 1).equals("METADATA")) {
                if (size > maxMetadataBytes || compressedSize > maxMetadataBytes) {
                    throw new IOException(url + ": METADATA is larger than " + maxMetadataBytes + " bytes");
                }
                return new Entry(offset, compressedSize, size, method, nameLength);
            }
            position += 46 + nameLength + extraLength + commentLength;
        }
        throw new IOException(url + " has no .dist-info/METADATA");
    }

    private byte[] expand(byte[] compressed, Entry entry, String url) throws IOException {
        if (entry.method() == 0) {
            return compressed;
        }
        if (entry.method() != 8) {
            throw new IOException(url + ": METADATA is compressed with method " + entry.method());
        }
        Inflater inflater = new Inflater(true);
        try {
            inflater.setInput(compressed);
            byte[] out = new byte[(int) entry.size()];
            int total = 0;
            while (total < out.length && !inflater.finished()) {
                int count = inflater.inflate(out, total, out.length - total);
                if (count == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    break;
                }
                total += count;
            }
            if (total != out.length) {
                throw new IOException(url + ": METADATA expands to other than its declared " + entry.size() + " bytes");
            }
            return out;
        } catch (DataFormatException damaged) {
            throw new IOException(url + ": METADATA does not inflate: " + damaged.getMessage(), damaged);
        } finally {
            inflater.end();
        }
    }
}
