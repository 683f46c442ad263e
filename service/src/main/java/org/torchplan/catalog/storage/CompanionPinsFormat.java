package org.torchplan.catalog.storage;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.CRC32C;
import org.torchplan.packaging.PackageName;
import org.torchplan.packaging.Version;

/**
 * The companion pins file: which torch each companion release's metadata pins, checksummed like the catalog file.
 *
 * <pre>
 * #torchplan-companion-pins	2
 * torchvision==0.25.0	2.10.0	3f1c...    package==version, the torch it pins, the sha256 of the metadata read
 * torchaudio==2.10.0		              or no pin: its metadata pins no single torch; or no digest: none declared
 * #crc32c	hex CRC-32C of every line above, each with its newline
 * </pre>
 *
 * Every line is checked on reading: a pin that does not parse would otherwise fail every plan naming the package.
 * Version 1 files (no digest column) are read with no digests, so their pins are read again once the index
 * declares one.
 */
public final class CompanionPinsFormat {

    public static final String MAGIC = "#torchplan-companion-pins";
    public static final String VERSION = "2";
    private static final String VERSION_WITHOUT_DIGESTS = "1";

    private CompanionPinsFormat() {}

    public static byte[] write(CompanionPins pins) {
        StringBuilder text = new StringBuilder(MAGIC).append('\t').append(VERSION).append('\n');
        new TreeMap<>(pins.torchPins()).forEach((key, pin) -> text.append(key).append('\t').append(pin).append('\t')
                .append(pins.metadataDigests().getOrDefault(key, "")).append('\n'));
        return (text + CatalogFileFormat.CHECKSUM + "\t" + checksum(text.toString()) + "\n")
                .getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The pins of a file.
     *
     * @throws CorruptCatalogFileException when the file is not a complete, intact pins file, or a line does not parse
     */
    public static CompanionPins read(byte[] content) throws CorruptCatalogFileException {
        String text = new String(content, StandardCharsets.UTF_8);
        boolean withDigests = text.startsWith(MAGIC + "\t" + VERSION + "\n");
        if (!withDigests && !text.startsWith(MAGIC + "\t" + VERSION_WITHOUT_DIGESTS + "\n")) {
            throw new CorruptCatalogFileException("not a torchplan companion pins file (version " + VERSION + ")");
        }
        int trailer = text.lastIndexOf("\n" + CatalogFileFormat.CHECKSUM + "\t");
        if (trailer < 0 || !text.endsWith("\n")) {
            throw new CorruptCatalogFileException("truncated: no checksum line at the end");
        }
        String body = text.substring(0, trailer + 1);
        String recorded = text.substring(trailer + CatalogFileFormat.CHECKSUM.length() + 2, text.length() - 1);
        if (!recorded.equals(checksum(body))) {
            throw new CorruptCatalogFileException("checksum mismatch");
        }
        Map<String, String> pins = new HashMap<>();
        Map<String, String> digests = new HashMap<>();
        String[] lines = body.split("\n");
        for (int index = 1; index < lines.length; index++) {
            String[] fields = lines[index].split("\t", -1);
            if (fields.length != (withDigests ? 3 : 2) || !validKey(fields[0]) || !validPin(fields[1])
                    || withDigests && !validDigest(fields[2])) {
                throw new CorruptCatalogFileException("malformed pin at line " + (index + 1) + ": " + lines[index]);
            }
            pins.put(fields[0], fields[1]);
            digests.put(fields[0], withDigests ? fields[2] : "");
        }
        return new CompanionPins(pins, digests);
    }

    private static boolean validDigest(String digest) {
        return digest.isEmpty() || digest.matches("[0-9a-f]{64}");
    }

    private static boolean validKey(String key) {
        int separator = key.indexOf("==");
        if (separator <= 0) {
            return false;
        }
        String name = key.substring(0, separator);
        return name.equals(PackageName.normalize(name)) && validPin(key.substring(separator + 2))
                && separator + 2 < key.length();
    }

    private static boolean validPin(String pin) {
        if (pin.isEmpty()) {
            return true;
        }
        try {
            Version.parse(pin);
            return true;
        } catch (IllegalArgumentException unparseable) { // PackagingParseException, or a number too large
            return false;
        }
    }

    private static String checksum(String text) {
        CRC32C checksum = new CRC32C();
        checksum.update(text.getBytes(StandardCharsets.UTF_8));
        return Long.toHexString(checksum.getValue());
    }
}
