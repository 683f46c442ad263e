package org.torchplan.api;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Strong entity tags of plan bodies (RFC 9110, section 8.8.3) and the {@code If-None-Match} test. The tag is a digest
 * of the bytes sent, so equal bodies have equal tags whichever replica, snapshot or request spelling made them.
 */
final class EntityTags {

    /** 128 bits of SHA-256: collisions are out of reach, and the header stays short. */
    private static final int DIGEST_BYTES = 16;

    private EntityTags() {
    }

    /** One digest per request thread: looking the algorithm up costs more than digesting a plan. */
    private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("every Java runtime has SHA-256", impossible);
        }
    });

    /** The quoted strong tag of {@code body}. */
    static String of(byte[] body) {
        byte[] hash = SHA_256.get().digest(body); // digest() also resets it for the next body
        return '"' + HexFormat.of().formatHex(hash, 0, DIGEST_BYTES) + '"';
    }

    /**
     * Whether an {@code If-None-Match} header value names {@code tag}: {@code *}, or a comma-separated list of tags
     * compared weakly, as RFC 9110 section 13.1.2 asks ({@code W/"x"} matches {@code "x"}).
     *
     * @param ifNoneMatch the header value, or null when absent
     */
    static boolean matches(String ifNoneMatch, String tag) {
        if (ifNoneMatch == null) {
            return false;
        }
        for (String candidate : ifNoneMatch.split(",")) {
            String trimmed = candidate.strip();
            if (trimmed.equals("*")) {
                return true;
            }
            if (trimmed.startsWith("W/")) {
                trimmed = trimmed.substring(2);
            }
            if (trimmed.equals(tag)) {
                return true;
            }
        }
        return false;
    }
}
