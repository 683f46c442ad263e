package org.torchplan.client.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.torchplan.client.json.Json;
import org.torchplan.client.json.JsonObject;

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
        Optional<String> reasonPhrase = Optional.ofNullable(reason).filter(phrase -> !phrase.isBlank());
        Optional<JsonObject> parsed = Json.parseObject(body);
        if (parsed.isEmpty()) {
            String text = body.strip();
            Optional<String> detail = text.isEmpty() || text.length() > 300 || text.startsWith("<")
                    ? Optional.empty() : Optional.of(text);
            return new Problem(httpStatus, Optional.empty(), reasonPhrase, detail, Optional.empty(), List.of(),
                    List.of(), Optional.empty());
        }
        JsonObject node = parsed.get();
        List<FieldError> errors = new ArrayList<>();
        for (JsonObject error : node.objects("errors")) {
            Optional<String> message = text(error, "message");
            if (message.isPresent()) {
                errors.add(new FieldError(text(error, "field").orElse("request"), message.get()));
            }
        }
        // a 422 lists one reason per candidate backend; a 403 names the policy rule
        return new Problem(node.integer("status").orElse(httpStatus), text(node, "type"),
                text(node, "title").or(() -> reasonPhrase), text(node, "detail"), text(node, "instance"), errors,
                node.strings("reasons"), text(node, "rule"));
    }

    /** The problem in plain words, one line per field error, for a person reading a terminal. */
    public String describe() {
        return describe(UnaryOperator.identity());
    }

    /**
     * The problem in plain words, each message said once: the detail is left out when it only restates a field
     * error or the title, and a message the service nested into itself ("x: x: why") is shown as "x: why".
     *
     * @param fieldLabel how a field is named to the reader ({@code requirements[2]} as the file and line it came from)
     */
    public String describe(UnaryOperator<String> fieldLabel) {
        StringBuilder text = new StringBuilder();
        String headline = title.orElse("request refused");
        text.append(headline).append(" (HTTP ").append(status).append(')');
        List<String> bullets = new ArrayList<>();
        List<String> restatements = new ArrayList<>(List.of(headline));
        for (FieldError error : errors) {
            String message = withoutRepeatedParts(error.message());
            bullets.add(fieldLabel.apply(error.field()) + ": " + message);
            restatements.add(withoutRepeatedParts(error.field() + ": " + error.message()));
            restatements.add(message);
        }
        for (String candidateReason : reasons) {
            bullets.add(withoutRepeatedParts(candidateReason));
        }
        restatements.addAll(bullets);
        detail.map(Problem::withoutRepeatedParts)
                .filter(value -> !restatements.contains(value))
                .ifPresent(value -> text.append(": ").append(value));
        rule.ifPresent(name -> text.append(" (policy rule ").append(name).append(')'));
        bullets.stream().distinct()
                .forEach(bullet -> text.append(System.lineSeparator()).append("  - ").append(bullet));
        return text.toString();
    }

    /**
     * Drops the parts of a message that repeat the parts just before them: parsers that wrap a nested parser's
     * error ("invalid version specifier '>=': invalid version specifier '>=': expected a version") say it once.
     */
    static String withoutRepeatedParts(String message) {
        List<String> parts = new ArrayList<>(List.of(message.split(": ", -1)));
        for (int start = 0; start < parts.size(); start++) {
            for (int length = 1; start + 2 * length <= parts.size(); length++) {
                if (parts.subList(start, start + length).equals(parts.subList(start + length, start + 2 * length))) {
                    parts.subList(start + length, start + 2 * length).clear();
                    length = 0; // the next copy may follow: look again from this start
                }
            }
        }
        return String.join(": ", parts);
    }

    private static Optional<String> text(JsonObject node, String field) {
        return node.string(field).filter(value -> !value.isBlank());
    }
}
