package org.torchplan.catalog.index;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * What the index answered for one file that is not a page (a PEP 658 metadata file).
 *
 * @param status the HTTP status
 * @param body the bytes received (empty for errors)
 * @param contentRange the {@code Content-Range} header of a 206 answer to a range request, or null
 */
public record FileResponse(int status, byte[] body, String contentRange) {

    public FileResponse(int status, byte[] body) {
        this(status, body, null);
    }

    public boolean isSuccessful() {
        return status >= 200 && status < 300;
    }

    /** The body as UTF-8 text (core metadata is UTF-8, PEP 566). */
    public String text() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** The lower-case hex sha256 of the bytes received. */
    public String sha256() {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("every Java runtime has SHA-256", impossible);
        }
    }
}
