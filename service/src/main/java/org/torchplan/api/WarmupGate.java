package org.torchplan.api;

import jakarta.servlet.http.HttpServletRequest;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Tells the warm-up's own HTTP requests apart from real ones, so that they leave no trace: they are answered from a
 * memo of the warm-up's own, not the one real requests read, and are not in the plan metrics or in
 * {@code http.server.requests}. A request is the warm-up's when it comes from loopback with this process's random
 * token, and only until the warm-up is over: nobody else knows the token, and after {@link #close()} no request is
 * one.
 */
final class WarmupGate {

    static final String HEADER = "X-Torchplan-Warmup";

    private volatile byte[] token;

    WarmupGate() {
        byte[] random = new byte[16];
        new SecureRandom().nextBytes(random);
        this.token = HexFormat.of().formatHex(random).getBytes(StandardCharsets.US_ASCII);
    }

    /** The header value the warm-up sends, or null once it is over. */
    String token() {
        byte[] current = token;
        return current == null ? null : new String(current, StandardCharsets.US_ASCII);
    }

    boolean isWarmup(HttpServletRequest request) {
        byte[] current = token;
        if (current == null) {
            return false;
        }
        String sent = request.getHeader(HEADER);
        return sent != null && MessageDigest.isEqual(sent.getBytes(StandardCharsets.US_ASCII), current)
                && isLoopback(request.getRemoteAddr());
    }

    /** The warm-up is over: from now on no request is the warm-up's. */
    void close() {
        token = null;
    }

    private static boolean isLoopback(String address) {
        try {
            return address != null && InetAddress.getByName(address).isLoopbackAddress(); // a literal: no lookup
        } catch (UnknownHostException notAnAddress) {
            return false;
        }
    }
}
