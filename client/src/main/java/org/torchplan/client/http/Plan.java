package org.torchplan.client.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.torchplan.client.run.Step;
import org.torchplan.client.json.Json;
import org.torchplan.client.json.JsonObject;

/** The service's answer to {@code POST /plan}, read field by field (no reflection: the client starts cold). */
public record Plan(String backend, String channel, List<PlannedPackage> packages, List<Step> steps,
                   List<String> explanation, List<String> warnings, Optional<CatalogStatus> catalog,
                   List<LockedDistribution> environment) {

    public Plan {
        packages = List.copyOf(packages);
        steps = List.copyOf(steps);
        explanation = List.copyOf(explanation);
        warnings = List.copyOf(warnings);
        environment = List.copyOf(environment);
    }

    /** A plan with no resolved environment. */
    public Plan(String backend, String channel, List<PlannedPackage> packages, List<Step> steps,
                List<String> explanation, List<String> warnings, Optional<CatalogStatus> catalog) {
        this(backend, channel, packages, steps, explanation, warnings, catalog, List.of());
    }

    /** The same plan with other steps (the client's rewriting of the service's, say). */
    public Plan withSteps(List<Step> otherSteps) {
        return new Plan(backend, channel, packages, otherSteps, explanation, warnings, catalog, environment);
    }

    /** One distribution of the resolved environment: what the plan says step 2 may pin besides what was asked. */
    public record LockedDistribution(String name, String version, String index, boolean installed) {
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
        JsonObject root = Json.parseObject(body)
                .orElseThrow(() -> new MalformedPlanException("the answer is not a JSON object"));
        List<Object> stepArray = root.array("steps")
                .orElseThrow(() -> new MalformedPlanException("the answer has no steps"));
        List<PlannedPackage> packages = new ArrayList<>();
        for (JsonObject node : root.objects("packages")) {
            packages.add(new PlannedPackage(required(node, "name", "packages[].name"),
                    required(node, "version", "packages[].version"), node.string("filename"), node.string("url"),
                    node.string("sha256")));
        }
        List<Step> steps = new ArrayList<>();
        for (Object element : stepArray) {
            if (!(element instanceof JsonObject)) {
                throw new MalformedPlanException("a step is not an object");
            }
            JsonObject node = (JsonObject) element;
            List<String> argv = new ArrayList<>();
            for (Object argument : node.array("argv").orElse(List.of())) {
                if (!(argument instanceof String)) {
                    throw new MalformedPlanException("a step's argv holds something that is not a string");
                }
                argv.add((String) argument);
            }
            // shown as each step runs, as the service wrote it but for control characters
            steps.add(new Step(TerminalText.escape(node.string("description").orElse("")), argv));
        }
        Optional<CatalogStatus> catalog = root.object("catalog").map(node -> new CatalogStatus(
                node.string("source").orElse("unknown"), node.string("fetchedAt"), node.bool("stale").orElse(false)));
        List<LockedDistribution> environment = new ArrayList<>();
        for (JsonObject node : root.objects("environment")) {
            environment.add(new LockedDistribution(required(node, "name", "environment[].name"),
                    required(node, "version", "environment[].version"), node.string("index").orElse(""),
                    node.bool("installed").orElse(false)));
        }
        return new Plan(root.string("backend").orElse(""), root.string("channel").orElse(""), packages, steps,
                root.strings("explanation"), root.strings("warnings"), catalog, environment);
    }

    private static String required(JsonObject node, String field, String path) {
        return node.string(field).orElseThrow(() -> new MalformedPlanException("the answer lacks " + path));
    }

    /** The service answered 2xx with something that is not a plan. */
    public static final class MalformedPlanException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public MalformedPlanException(String message) {
            super(message);
        }
    }
}
