package org.torchplan.client.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An RFC 9457 problem detail as the service sends it, with its extensions: the field errors of a 400, the reason
 * per candidate backend of a 422 and the policy rule of a 403.
 */
public record Problem(int status, Optional<String> type, Optional<String> title, Optional<String> detail,
                      Optional<String> instance, List<FieldError> errors, List<String> reasons,
                      Optional<String> rule) {

    public Problem {
        errors = List.copyOf(errors);
        reasons = List.copyOf(reasons);
    }

    /** One rejected request field ({@code requirements[0]}, {@code gpu.driverVersion}) and why. */
    public record FieldError(String field, String message) {
    }

    /**
     * Reads a problem body; a body that is not a problem (a proxy's HTML page) still yields a problem with the
     * HTTP status and, when short, the body text as its detail.
     */
    public static Problem parse(int httpStatus, String reason, String body) {
        JsonNode node = null;
        try {
            node = body.isBlank() ? null : JsonMapper.shared().readTree(body);
        } catch (JacksonException notJson) {
            // fall through to the plain-text problem
        }
        if (node == null || !node.isObject()) {
            String text = body.strip();
            Optional<String> detail = text.isEmpty() || text.length() > 300 || text.startsWith("<")
                    ? Optional.empty() : Optional.of(text);
            return new Problem(httpStatus, Optional.empty(), Optional.ofNullable(reason).filter(r -> !r.isBlank()),
                    detail, Optional.empty(), List.of(), List.of(), Optional.empty());
        }
        List<FieldError> errors = new ArrayList<>();
        for (JsonNode error : node.path("errors")) {
            Optional<String> message = text(error, "message");
            if (message.isPresent()) {
                errors.add(new FieldError(text(error, "field").orElse("request"), message.get()));
            }
        }
        // a 422 lists one reason per candidate backend; a 403 names the policy rule
        List<String> reasons = new ArrayList<>();
        for (JsonNode candidateReason : node.path("reasons")) {
            if (candidateReason.isString()) {
                reasons.add(candidateReason.stringValue());
            }
        }
        return new Problem(node.path("status").asInt(httpStatus), text(node, "type"),
                text(node, "title").or(() -> Optional.ofNullable(reason).filter(r -> !r.isBlank())),
                text(node, "detail"), text(node, "instance"), errors, reasons, text(node, "rule"));
    }

    /** The problem in plain words, one line per field error, for a person reading a terminal. */
    public String describe() {
        StringBuilder text = new StringBuilder();
        text.append(title.orElse("request refused")).append(" (HTTP ").append(status).append(')');
        detail.filter(value -> !value.equals(title.orElse(null))).ifPresent(value -> text.append(": ").append(value));
        rule.ifPresent(name -> text.append(" (policy rule ").append(name).append(')'));
        for (FieldError error : errors) {
            text.append(System.lineSeparator()).append("  - ").append(error.field()).append(": ").append(error.message());
        }
        for (String candidateReason : reasons) {
            text.append(System.lineSeparator()).append("  - ").append(candidateReason);
        }
        return text.toString();
    }

    private static Optional<String> text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isString() && !value.stringValue().isBlank() ? Optional.of(value.stringValue()) : Optional.empty();
    }
}
