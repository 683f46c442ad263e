package org.torchplan.system;

import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * The id that ties the log lines of one request together, and that a caller can quote in a support ticket.
 * A caller (a load balancer, the client) may choose it with {@code X-Request-Id}; it is accepted only when short and
 * made of safe characters, because it goes verbatim into logs and a response header.
 */
public record RequestId(String value) {

    public static final String HEADER = "X-Request-Id";
    public static final String MDC_KEY = "requestId";
    public static final int MAX_LENGTH = 64;

    /** Letters, digits and {@code . _ : -}: UUIDs, ULIDs and trace ids fit; spaces, quotes and line breaks do not. */
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0," + (MAX_LENGTH - 1) + "}");

    public RequestId {
        if (value == null || !SAFE.matcher(value).matches()) {
            throw new IllegalArgumentException("not a safe request id: " + (value == null ? "null" : "'" + value + "'"));
        }
    }

    /** The caller's id when it is safe, otherwise empty (the caller's value is then ignored, never echoed). */
    public static Optional<RequestId> fromHeader(String headerValue) {
        if (headerValue == null) {
            return Optional.empty();
        }
        String trimmed = headerValue.strip();
        // The length check first: the pattern is bounded, but huge headers need not be scanned at all.
        if (trimmed.length() > MAX_LENGTH || !SAFE.matcher(trimmed).matches()) {
            return Optional.empty();
        }
        return Optional.of(new RequestId(trimmed));
    }

    public static RequestId generate() {
        // a version 4 UUID from a per-thread generator: an id to follow a request by, not a secret, so it needs no
        // SecureRandom (whose lock showed in the profile of every request)
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = random.nextLong() & ~0xF000L | 0x4000L;
        long low = random.nextLong() & 0x3FFFFFFFFFFFFFFFL | 0x8000000000000000L;
        return new RequestId(new UUID(high, low).toString());
    }

    /** The caller's id when safe, else a new one. */
    public static RequestId fromHeaderOrGenerate(String headerValue) {
        return fromHeader(headerValue).orElseGet(RequestId::generate);
    }

    @Override
    public String toString() {
        return value;
    }
}
