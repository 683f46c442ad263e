package org.torchplan.catalog.index;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reads a PEP 691 simple-index JSON page ({@code application/vnd.pypi.simple.v1+json}). */
public final class JsonIndexParser {

    public static final String MEDIA_TYPE = "application/vnd.pypi.simple.v1+json";

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private JsonIndexParser() {}

    /** @throws MalformedPageException when the body is not a PEP 691 project page */
    public static ParsedPage parse(String pageUrl, String json) {
        JsonNode files = read(json).get("files");
        if (files == null || !files.isArray()) {
            throw new MalformedPageException("JSON page without a files array");
        }
        List<IndexLink> links = new ArrayList<>();
        int skipped = 0;
        for (JsonNode file : files) {
            JsonNode hashes = file.get("hashes");
            JsonNode coreMetadata = file.has("core-metadata") ? file.get("core-metadata") : file.get("dist-info-metadata");
            IndexLink link = IndexLinks.link(
                    pageUrl,
                    text(file.get("url")),
                    hashes == null ? null : text(hashes.get("sha256")),
                    text(file.get("requires-python")),
                    coreMetadata != null && !coreMetadata.isNull()
                            && !(coreMetadata.isBoolean() && !coreMetadata.booleanValue()),
                    text(file.get("upload-time")),
                    yanked(file.get("yanked")),
                    coreMetadata != null && coreMetadata.isObject() ? text(coreMetadata.get("sha256")) : null);
            if (link == null) {
                skipped++;
            } else {
                links.add(link);
            }
        }
        return new ParsedPage(links, skipped);
    }

    /** The project names of a PEP 691 root listing ({@code {"projects": [{"name": ...}]}}). */
    public static List<String> projects(String json) {
        JsonNode projects = read(json).get("projects");
        if (projects == null || !projects.isArray()) {
            throw new MalformedPageException("JSON listing without a projects array");
        }
        List<String> names = new ArrayList<>();
        for (JsonNode project : projects) {
            String name = text(project.get("name"));
            if (name != null) {
                names.add(name);
            }
        }
        return names;
    }

    private static JsonNode read(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (JacksonException unreadable) {
            throw new MalformedPageException("JSON page does not parse: " + unreadable.getOriginalMessage());
        }
    }

    private static String yanked(JsonNode node) {
        if (node == null || node.isNull() || (node.isBoolean() && !node.booleanValue())) {
            return null;
        }
        return node.isString() ? node.stringValue() : "";
    }

    private static String text(JsonNode node) {
        return node != null && node.isString() ? node.stringValue() : null;
    }
}
