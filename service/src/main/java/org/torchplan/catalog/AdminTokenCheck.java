package org.torchplan.catalog;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** Checks an {@code Authorization} header against the admin token without leaking it through timing. */
final class AdminTokenCheck {

    private static final String BEARER = "Bearer ";

    private AdminTokenCheck() {
    }

    /** @throws AdminAccessException when admin is disabled, the header is missing, or the token is wrong */
    static void require(AdminProperties admin, String authorization) {
        if (!admin.enabled()) {
            throw AdminAccessException.disabled();
        }
        if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            throw AdminAccessException.missingCredentials();
        }
        String presented = authorization.substring(BEARER.length()).strip();
        // comparing digests makes the time independent of both the content and the length of the tokens
        if (!MessageDigest.isEqual(digest(presented), digest(admin.token()))) {
            throw AdminAccessException.wrongToken();
        }
    }

    private static byte[] digest(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("every Java platform has SHA-256", impossible);
        }
    }
}
