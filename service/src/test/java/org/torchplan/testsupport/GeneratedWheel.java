package org.torchplan.testsupport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * A small, valid, installable wheel for any wheel file name: {@code <module>/__init__.py} setting
 * {@code __version__}, and a {@code .dist-info} with METADATA, WHEEL and RECORD as pip checks them.
 * The bytes are a pure function of the inputs (stored entries, fixed time stamps), so digests are stable
 * across runs and machines and a recorded index page can name them.
 */
public final class GeneratedWheel {

    /** Zip's own epoch; set as a local date-time so the JVM's time zone cannot change the bytes. */
    private static final LocalDateTime FIXED_ENTRY_TIME = LocalDateTime.of(1980, 1, 1, 0, 0);
    private static final String GENERATOR = "torchplan-testsupport";

    private final WheelNameParts name;
    private final Optional<String> requiresPython;
    private final byte[] metadata;
    /**
     * Zipped on first use: a nightly page lists thousands of wheels but names only their METADATA digests,
     * and a test downloads a few of them.
     */
    private byte[] bytes;

    private GeneratedWheel(WheelNameParts name, Optional<String> requiresPython, byte[] metadata) {
        this.name = name;
        this.requiresPython = requiresPython;
        this.metadata = metadata;
    }

    /**
     * A wheel for {@code fileName} whose METADATA lists {@code requiresDist} (PEP 508 strings) and, when not null,
     * {@code requiresPython}.
     */
    public static GeneratedWheel generate(String fileName, List<String> requiresDist, String requiresPython) {
        return generate(fileName, requiresDist, requiresPython, List.of());
    }

    /** The same, declaring {@code providesExtra} ({@code Provides-Extra}: pip ignores an extra not declared). */
    public static GeneratedWheel generate(String fileName, List<String> requiresDist, String requiresPython,
                                         List<String> providesExtra) {
        WheelNameParts name = WheelNameParts.parse(fileName);
        byte[] metadata = metadata(name, requiresDist, requiresPython, providesExtra);
        return new GeneratedWheel(name, Optional.ofNullable(requiresPython), metadata);
    }

    /** A wheel for a PyTorch index file: companions require the torch version the pairing gives, exactly. */
    public static GeneratedWheel forIndexFile(String fileName, TorchVersionPairing pairing) {
        WheelNameParts name = WheelNameParts.parse(fileName);
        String torchVersion = pairing.pairedTorchVersion(name.normalizedName(), name.version());
        List<String> requiresDist = torchVersion == null ? List.of() : List.of("torch==" + torchVersion);
        return generate(fileName, requiresDist, null);
    }

    public String fileName() {
        return name.fileName();
    }

    public WheelNameParts name() {
        return name;
    }

    /** The METADATA {@code Requires-Python}, which an index also shows as {@code data-requires-python}. */
    public Optional<String> requiresPython() {
        return requiresPython;
    }

    /** The wheel file itself. */
    public byte[] bytes() {
        return zipped().clone();
    }

    /** The METADATA file, as served for PEP 658 ({@code <wheel>.metadata}) and stored in the wheel. */
    public byte[] metadata() {
        return metadata.clone();
    }

    public String sha256() {
        return HexFormat.of().formatHex(sha256(zipped()));
    }

    public String metadataSha256() {
        return HexFormat.of().formatHex(sha256(metadata));
    }

    public String distInfoDirectory() {
        return name.distribution() + "-" + name.version() + ".dist-info";
    }

    private synchronized byte[] zipped() {
        if (bytes == null) {
            bytes = zip(name, metadata);
        }
        return bytes;
    }

    private static byte[] metadata(WheelNameParts name, List<String> requiresDist, String requiresPython,
                                   List<String> providesExtra) {
        StringBuilder text = new StringBuilder()
                .append("Metadata-Version: 2.1\n")
                .append("Name: ").append(name.distribution()).append('\n')
                .append("Version: ").append(name.version()).append('\n')
                .append("Summary: generated test wheel for ").append(name.fileName()).append('\n');
        if (requiresPython != null) {
            text.append("Requires-Python: ").append(requiresPython).append('\n');
        }
        for (String extra : providesExtra) {
            text.append("Provides-Extra: ").append(extra).append('\n');
        }
        for (String requirement : requiresDist) {
            text.append("Requires-Dist: ").append(requirement).append('\n');
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] wheelFile(WheelNameParts name) {
        StringBuilder text = new StringBuilder()
                .append("Wheel-Version: 1.0\n")
                .append("Generator: ").append(GENERATOR).append('\n')
                .append("Root-Is-Purelib: ").append(name.isPurePython()).append('\n');
        for (String tag : name.expandedTags()) {
            text.append("Tag: ").append(tag).append('\n');
        }
        name.buildTag().ifPresent(build -> text.append("Build: ").append(build).append('\n'));
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] zip(WheelNameParts name, byte[] metadata) {
        String distInfo = name.distribution() + "-" + name.version() + ".dist-info";
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put(name.importName() + "/__init__.py",
                ("__version__ = \"" + name.version() + "\"\n").getBytes(StandardCharsets.UTF_8));
        files.put(distInfo + "/METADATA", metadata);
        files.put(distInfo + "/WHEEL", wheelFile(name));
        files.put(distInfo + "/RECORD", record(files, distInfo + "/RECORD"));

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out, StandardCharsets.UTF_8)) {
            for (Map.Entry<String, byte[]> file : files.entrySet()) {
                zip.putNextEntry(storedEntry(file.getKey(), file.getValue()));
                zip.write(file.getValue());
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("writing a wheel to memory failed", e);
        }
        return out.toByteArray();
    }

    /** RECORD lists every other file with its urlsafe, unpadded base64 sha256 and size; itself without either. */
    private static byte[] record(Map<String, byte[]> files, String recordPath) {
        List<String> lines = new ArrayList<>();
        for (Map.Entry<String, byte[]> file : files.entrySet()) {
            String digest = Base64.getUrlEncoder().withoutPadding().encodeToString(sha256(file.getValue()));
            lines.add(file.getKey() + ",sha256=" + digest + "," + file.getValue().length);
        }
        lines.add(recordPath + ",,");
        return (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
    }

    /** Stored, not deflated: the bytes then depend on nothing but the content (no zlib version in the digest). */
    private static ZipEntry storedEntry(String path, byte[] content) {
        ZipEntry entry = new ZipEntry(path);
        CRC32 crc = new CRC32();
        crc.update(content);
        entry.setMethod(ZipEntry.STORED);
        entry.setSize(content.length);
        entry.setCompressedSize(content.length);
        entry.setCrc(crc.getValue());
        entry.setTimeLocal(FIXED_ENTRY_TIME);
        return entry;
    }

    static byte[] sha256(byte[] content) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(content);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK provides SHA-256", e);
        }
    }
}
