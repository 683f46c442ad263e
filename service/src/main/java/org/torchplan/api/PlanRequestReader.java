package org.torchplan.api;

import org.torchplan.system.InvalidField;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the JSON body of a plan request into a {@link PlanRequestBody} without trusting its shape.
 *
 * <p>Reading the tree by hand, instead of binding, lets every wrong type, null, unknown or duplicate field be named
 * in the 400 answer: data binding would coerce {@code 12} to {@code "12"} and report only the first problem.
 */
final class PlanRequestReader {

    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            // on by default in Jackson 3, with a message naming its own types: read() checks for trailing content
            .disable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    /** Words of Jackson's messages that name its own types and settings: a reason holding one is not shown. */
    private static final List<String> INTERNAL_NAMES = List.of("tools.jackson", "java.", "Exception", "Feature",
            "JsonNode", "JsonToken", "bound as", "Constraints", "`");

    private static final Set<String> TOP_LEVEL = Set.of(
            "requirements", "python", "platform", "gpu", "channel", "backend", "strategy", "installer", "installed");
    private static final Set<String> INSTALLED = Set.of("name", "version");
    private static final Set<String> PLATFORM = Set.of("os", "arch", "glibc", "macos");
    private static final Set<String> GPU = Set.of("vendor", "driverVersion", "computeCapability", "architecture");

    private PlanRequestReader() {
    }

    /** @throws InvalidRequestException naming every field that is not of the expected JSON type */
    static PlanRequestBody read(byte[] body) {
        JsonNode root;
        try (JsonParser parser = JSON.createParser(body)) {
            root = JSON.readTree(parser);
            if (root != null && parser.nextToken() != null) {
                throw InvalidRequestException.of("body", "expected one JSON object, found more after it"
                        + at(parser.currentTokenLocation()));
            }
        } catch (JacksonException malformed) {
            throw InvalidRequestException.of("body", "not valid JSON: " + describe(malformed));
        }
        if (root == null || root.isMissingNode() || !root.isObject()) {
            throw InvalidRequestException.of("body", "expected a JSON object");
        }
        List<InvalidField> errors = new ArrayList<>();
        unknownFields(root, "", TOP_LEVEL, errors);
        List<String> requirements = requirements(root.get("requirements"), errors);
        String python = text(root, "python", "", errors);
        PlanRequestBody.Platform platform = null;
        JsonNode platformNode = object(root, "platform", errors);
        if (platformNode != null) {
            unknownFields(platformNode, "platform.", PLATFORM, errors);
            platform = new PlanRequestBody.Platform(
                    text(platformNode, "os", "platform.", errors),
                    text(platformNode, "arch", "platform.", errors),
                    text(platformNode, "glibc", "platform.", errors),
                    text(platformNode, "macos", "platform.", errors));
        }
        PlanRequestBody.Gpu gpu = null;
        JsonNode gpuNode = object(root, "gpu", errors);
        if (gpuNode != null) {
            unknownFields(gpuNode, "gpu.", GPU, errors);
            gpu = new PlanRequestBody.Gpu(
                    text(gpuNode, "vendor", "gpu.", errors),
                    text(gpuNode, "driverVersion", "gpu.", errors),
                    text(gpuNode, "computeCapability", "gpu.", errors),
                    text(gpuNode, "architecture", "gpu.", errors));
        }
        PlanRequestBody request = new PlanRequestBody(requirements, python, platform, gpu,
                text(root, "channel", "", errors),
                text(root, "backend", "", errors),
                text(root, "strategy", "", errors),
                text(root, "installer", "", errors),
                installed(root.get("installed"), errors));
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
        return request;
    }

    private static List<String> requirements(JsonNode node, List<InvalidField> errors) {
        if (node == null) {
            return null;
        }
        if (!node.isArray()) {
            errors.add(new InvalidField("requirements", "expected an array of PEP 508 requirement strings"));
            return null;
        }
        List<String> requirements = new ArrayList<>(node.size());
        for (int index = 0; index < node.size(); index++) {
            JsonNode element = node.get(index);
            if (!element.isString()) {
                errors.add(new InvalidField("requirements[" + index + "]",
                        "expected a string, got " + describe(element)));
            } else {
                requirements.add(element.stringValue());
            }
        }
        return requirements;
    }

    private static List<PlanRequestBody.Installed> installed(JsonNode node, List<InvalidField> errors) {
        if (node == null) {
            return null;
        }
        if (!node.isArray()) {
            errors.add(new InvalidField("installed", "expected an array of {\"name\", \"version\"} objects"));
            return null;
        }
        List<PlanRequestBody.Installed> installed = new ArrayList<>(node.size());
        for (int index = 0; index < node.size(); index++) {
            String prefix = "installed[" + index + "]";
            JsonNode element = node.get(index);
            if (!element.isObject()) {
                errors.add(new InvalidField(prefix, "expected an object with name and version, got "
                        + describe(element)));
                continue;
            }
            unknownFields(element, prefix + ".", INSTALLED, errors);
            installed.add(new PlanRequestBody.Installed(text(element, "name", prefix + ".", errors),
                    text(element, "version", prefix + ".", errors)));
        }
        return installed;
    }

    private static JsonNode object(JsonNode parent, String name, List<InvalidField> errors) {
        JsonNode node = parent.get(name);
        if (node == null) {
            return null;
        }
        if (!node.isObject()) {
            errors.add(new InvalidField(name, "expected an object, got " + describe(node)
                    + (node.isNull() ? " (omit the field instead)" : "")));
            return null;
        }
        return node;
    }

    /** A string field; absent is null, anything else but a string (null included) is an error. */
    private static String text(JsonNode parent, String name, String prefix, List<InvalidField> errors) {
        JsonNode node = parent.get(name);
        if (node == null) {
            return null;
        }
        if (!node.isString()) {
            errors.add(new InvalidField(prefix + name, "expected a string, got " + describe(node)
                    + (node.isNull() ? " (omit the field instead)" : "")));
            return null;
        }
        return node.stringValue();
    }

    private static void unknownFields(JsonNode object, String prefix, Set<String> known, List<InvalidField> errors) {
        for (Map.Entry<String, JsonNode> property : object.properties()) {
            if (!known.contains(property.getKey())) {
                errors.add(new InvalidField(prefix + PrintableText.shorten(property.getKey()),
                        "unknown field; expected one of " + known.stream().sorted().toList()));
            }
        }
    }

    private static String describe(JsonNode node) {
        return switch (node.getNodeType()) {
            case NULL -> "null";
            case BOOLEAN -> "a boolean";
            case NUMBER -> "a number";
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            case STRING -> "a string";
            default -> "a " + node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
        };
    }

    /** Jackson's own message names its internals (source redaction, start markers); keep the reason and place. */
    private static String describe(JacksonException malformed) {
        String reason = String.valueOf(malformed.getOriginalMessage());
        for (String tail : new String[] {" (start marker", "\n"}) {
            int cut = reason.indexOf(tail);
            if (cut > 0) {
                reason = reason.substring(0, cut);
            }
        }
        for (String internal : INTERNAL_NAMES) {
            if (reason.contains(internal)) {
                reason = "malformed JSON";
                break;
            }
        }
        return PrintableText.shorten(reason, 200) + at(malformed.getLocation());
    }

    private static String at(TokenStreamLocation location) {
        return location != null && location.getLineNr() > 0
                ? " at line " + location.getLineNr() + ", column " + location.getColumnNr() : "";
    }
}
