package org.torchplan.pypi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.torchplan.catalog.CatalogProperties;
import org.torchplan.catalog.index.IndexClient;
import org.torchplan.testsupport.MirrorServer;

/** METADATA read out of a wheel on a loopback server, by range requests ("lazy wheel") or a bounded download. */
class WheelMetadataTest {

    private static final String METADATA = "Metadata-Version: 2.1\nName: big\nVersion: 1.0\nRequires-Dist: torch>=2.4\n";

    private final MirrorServer server = newServer();
    private final IndexClient client = new IndexClient(new CatalogProperties.Upstream(Duration.ofSeconds(2),
            Duration.ofSeconds(5), 4, 0, Duration.ofMillis(10), Duration.ofSeconds(30), Duration.ofSeconds(5)),
            new PypiMetrics(new SimpleMeterRegistry()), org.torchplan.catalog.index.AllowedOrigins.of(server.root(), List.of()));

    private static MirrorServer newServer() {
        try {
            return new MirrorServer();
        } catch (IOException failed) {
            throw new IllegalStateException(failed);
        }
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    /** A wheel whose METADATA comes first and 300 KB of incompressible data after it, as in a real large wheel. */
    private static byte[] largeWheel(int method) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            ZipEntry metadata = new ZipEntry("big-1.0.dist-info/METADATA");
            metadata.setMethod(method);
            byte[] text = METADATA.getBytes(StandardCharsets.UTF_8);
            if (method == ZipEntry.STORED) {
                java.util.zip.CRC32 crc = new java.util.zip.CRC32();
                crc.update(text);
                metadata.setSize(text.length);
                metadata.setCompressedSize(text.length);
                metadata.setCrc(crc.getValue());
            }
            zip.putNextEntry(metadata);
            zip.write(text);
            zip.closeEntry();
            zip.putNextEntry(new ZipEntry("big/payload.bin"));
            byte[] payload = new byte[300_000];
            new Random(7).nextBytes(payload);
            zip.write(payload);
            zip.closeEntry();
            zip.putNextEntry(new ZipEntry("big-1.0.dist-info/RECORD"));
            zip.write("".getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        return bytes.toByteArray();
    }

    @Test
    void readsMetadataOfALargeWheelWithTwoSmallRanges() throws IOException {
        for (int method : new int[] {ZipEntry.DEFLATED, ZipEntry.STORED}) {
            byte[] wheel = largeWheel(method);
            List<String> ranges = new ArrayList<>();
            String path = "/files/big-" + method + ".whl";
            server.override(path, request -> {
                ranges.add(request.getHeaders().get("Range"));
                return ranged(wheel, request);
            });
            WheelMetadata reader = new WheelMetadata(client, 1000, 1 << 20);

            WheelMetadata.Read read = reader.read(server.root().replace("/whl", "") + path);

            assertThat(read.text()).isEqualTo(METADATA);
            assertThat(read.origin()).isEqualTo(PypiMetrics.MetadataOrigin.WHEEL_RANGES);
            assertThat(ranges).hasSize(2).first().isEqualTo("bytes=-65536");
        }
    }

    @Test
    void aWheelWithoutMetadataIsAnError() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry("nothing/here.py"));
            zip.closeEntry();
        }
        server.override("/files/none.whl", request -> ranged(bytes.toByteArray(), request));
        WheelMetadata reader = new WheelMetadata(client, 1000, 1 << 20);

        assertThatThrownBy(() -> reader.read(server.root().replace("/whl", "") + "/files/none.whl"))
                .isInstanceOf(IOException.class).hasMessageContaining("no .dist-info/METADATA");
    }

    @Test
    void notAZipIsAnError() {
        server.override("/files/html.whl", request -> MirrorServer.html("<html>challenge</html>"));
        WheelMetadata reader = new WheelMetadata(client, 1 << 20, 1 << 20);

        assertThatThrownBy(() -> reader.read(server.root().replace("/whl", "") + "/files/html.whl"))
                .isInstanceOf(IOException.class).hasMessageContaining("not a zip file");
    }

    static MockResponse ranged(byte[] file, RecordedRequest request) {
        String range = request.getHeaders().get("Range");
        Matcher suffix = Pattern.compile("bytes=-(\\d+)").matcher(range == null ? "" : range);
        Matcher span = Pattern.compile("bytes=(\\d+)-(\\d+)").matcher(range == null ? "" : range);
        int start;
        int end;
        if (suffix.matches()) {
            start = Math.max(0, file.length - Integer.parseInt(suffix.group(1)));
            end = file.length - 1;
        } else if (span.matches()) {
            start = Integer.parseInt(span.group(1));
            end = Math.min(file.length - 1, Integer.parseInt(span.group(2)));
        } else {
            return new MockResponse.Builder().code(200).body(new Buffer().write(file)).build();
        }
        return new MockResponse.Builder().code(206)
                .setHeader("Content-Range", "bytes " + start + "-" + end + "/" + file.length)
                .body(new Buffer().write(java.util.Arrays.copyOfRange(file, start, end + 1))).build();
    }
}
