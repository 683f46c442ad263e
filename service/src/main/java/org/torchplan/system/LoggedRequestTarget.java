package org.torchplan.system;

import java.util.Locale;
import java.util.Set;

/**
 * The request target (path and query) as it may appear in a log: values of query parameters that can carry
 * credentials are replaced, and the whole is bounded so that a hostile URL cannot flood the log.
 */
final class LoggedRequestTarget {

    static final int MAX_LENGTH = 512;
    static final String REDACTED = "***";

    /** Parameter names (lower case) whose values are credentials or personal data in common APIs and proxies. */
    private static final Set<String> SENSITIVE_NAMES = Set.of(
            "token", "access_token", "refresh_token", "id_token", "api_key", "apikey", "key", "password", "passwd",
            "secret", "client_secret", "signature", "sig", "auth", "authorization", "session", "code");

    private LoggedRequestTarget() {
    }

    /**
     * @param path  the raw (still percent-encoded) request path
     * @param query the raw query string, or null
     */
    static String of(String path, String query) {
        StringBuilder target = new StringBuilder(path == null || path.isEmpty() ? "/" : path);
        if (query != null && !query.isEmpty()) {
            target.append('?');
            String separator = "";
            for (String parameter : query.split("&", -1)) {
                target.append(separator).append(redact(parameter));
                separator = "&";
            }
        }
        if (target.length() > MAX_LENGTH) {
            target.setLength(MAX_LENGTH);
            target.append("...");
        }
        return target.toString();
    }

    private static String redact(String parameter) {
        int equals = parameter.indexOf('=');
        if (equals < 0) {
            return parameter;
        }
        String name = parameter.substring(0, equals);
        return isSensitive(name) ? name + "=" + REDACTED : parameter;
    }

    private static boolean isSensitive(String name) {
        String normalized = name.toLowerCase(Locale.ROOT).replace('-', '_');
        return SENSITIVE_NAMES.contains(normalized)
                || normalized.endsWith("_token")
                || normalized.endsWith("_secret")
                || normalized.endsWith("_key")
                || normalized.endsWith("_signature")
                || normalized.endsWith("_credential")
                || normalized.endsWith("password");
    }
}
