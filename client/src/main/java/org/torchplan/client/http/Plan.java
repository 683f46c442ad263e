package org.torchplan.client.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.torchplan.client.run.Step;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The service's answer to {@code POST /plan}, read field by field (no reflection: the client starts cold). */
public record Plan(String backend, String channel, List<PlannedPackage> packages, List<Step> steps,
                   List<String> explanation, List<String> warnings, Optional<CatalogStatus> catalog) {

    public Plan {
        packages = List.copyOf(packages);
        steps = List.copyOf(steps);
        explanation = List.copyOf(explanation);
        warnings = List.copyOf(warnings);
    }

    /** A pinned wheel. */
    public record PlannedPackage(String name, String version, Optional<String> filename, Optional<String> url,
                                 Optional<String> sha256) {
    }

    /** Where the service's catalog came from and whether it is stale. */
    public record CatalogStatus(String source, Optional<String> fetchedAt, boolean stale) {
    }

    /** @throws MalformedPlanException when the body is not a plan (wrong server, broken proxy) */
    public static Plan parse(String body) {
        JsonNode root;
        try {
            root = JsonMapper.shared().readTree(body);
        } catch (JacksonException notJson) {
            throw new MalformedPlanException("the answer is not JSON");
        }
        if (root == null || !root.isObject() || !root.path("steps").isArray()) {
            throw new MalformedPlanException("the answer has no steps");
        }
        List<PlannedPackage> packages = new ArrayList<>();
        for (JsonNode node : root.path("packages")) {
            packages.add(new PlannedPackage(required(node, "name", "packages[].name"),
                    required(node, "version", "packages[].version"), text(node, "filename"), text(node, "url"),
                    text(node, "sha256")));
        }
        List<Step> steps = new ArrayList<>();
        for (JsonNode node : root.path("steps")) {
            List<String> argv = new ArrayList<>();
            for (JsonNode argument : node.path("argv")) {
                if (!argument.isString()) {
                    throw new MalformedPlanException("a step's argv holds something that is not a string");
                }
                argv.add(argument.stringValue());
            }
            steps.add(new Step(text(node, "description").orElse(""), argv));
        }
        JsonNode catalogNode = root.path("catalog");
        Optional<CatalogStatus> catalog = catalogNode.isObject()
                ? Optional.of(new CatalogStatus(text(catalogNode, "source").orElse("unknown"),
                        text(catalogNode, "fetchedAt"), catalogNode.path("stale").asBoolean(false)))
                : Optional.empty();
        return new Plan(text(root, "backend").orElse(""), text(root, "channel").orElse(""), packages, steps,
                strings(root.path("explanation")), strings(root.path("warnings")), catalog);
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        for (JsonNode node : array) {
            if (node.isString()) {
                values.add(node.stringValue());
            }
        }
        return values;
    }

    private static String required(JsonNode node, String field, String path) {
        return text(node, field).orElseThrow(() -> new MalformedPlanException("the answer lacks " + path));
    }

    private static Optional<String> text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isString() ? Optional.of(value.stringValue()) : Optional.empty();
    }

    /** The service answered 2xx with something that is not a plan. */
    public static final class MalformedPlanException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public MalformedPlanException(String message) {
            super(message);
        }
    }
}
