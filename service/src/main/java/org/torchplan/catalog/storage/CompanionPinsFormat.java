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
 * #torchplan-companion-pins	1
 * torchvision==0.25.0	2.10.0          package==version, the torch it pins
 * torchaudio==2.10.0	                    or nothing: its metadata pins no single torch
 * #crc32c	hex CRC-32C of every line above, each with its newline
 * </pre>
 *
 * Every line is checked on reading: a pin that does not parse would otherwise fail every plan naming the package.
 */
public final class CompanionPinsFormat {

    public static final String MAGIC = "#torchplan-companion-pins";
    public static final String VERSION = "1";

    private CompanionPinsFormat() {}

    public static byte[] write(Map<String, String> pins) {
        StringBuilder text = new StringBuilder(MAGIC).append('\t').append(VERSION).append('\n');
        new TreeMap<>(pins).forEach((key, pin) -> text.append(key).append('\t').append(pin).append('\n'));
        return (text + CatalogFileFormat.CHECKSUM + "\t" + checksum(text.toString()) + "\n")
                .getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The pins of a file: key {@code package==version}, value the pinned torch or "".
     *
     * @throws CorruptCatalogFileException when the file is not a complete, intact pins file, or a line does not parse
     */
    public static Map<String, String> read(byte[] content) throws CorruptCatalogFileException {
        String text = new String(content, StandardCharsets.UTF_8);
        if (!text.startsWith(MAGIC + "\t" + VERSION + "\n")) {
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
        String[] lines = body.split("\n");
        for (int index = 1; index < lines.length; index++) {
            String line = lines[index];
            int tab = line.indexOf('\t');
            if (tab < 0 || !validKey(line.substring(0, tab)) || !validPin(line.substring(tab + 1))) {
                throw new CorruptCatalogFileException("malformed pin at line " + (index + 1) + ": " + line);
            }
            pins.put(line.substring(0, tab), line.substring(tab + 1));
        }
        return pins;
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
