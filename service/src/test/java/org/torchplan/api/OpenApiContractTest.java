package org.torchplan.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The top-level openapi.yaml and what springdoc serves at /v3/api-docs describe the same API: the same paths and
 * methods, parameters, request bodies, response codes and media types, schemas with the same properties, types
 * and required members, the same title, description and tags, the same summary on every operation, the same enums
 * wherever they appear, and the same example bodies of {@code POST /plan}. Descriptions of single fields may
 * differ: the file is written for readers.
 */
class OpenApiContractTest extends ApiTest {

    private Map<String, Object> written;
    private Map<String, Object> served;

    @BeforeEach
    void load() throws Exception {
        written = writtenSpec();
        served = servedSpec(mvc);
    }

    @Test
    void theFileIsOpenApi31() {
        assertThat(String.valueOf(written.get("openapi"))).startsWith("3.1");
        assertThat(String.valueOf(served.get("openapi"))).startsWith("3.1");
    }

    @Test
    void pathsAndMethodsMatch() {
        assertThat(operations(written)).isEqualTo(operations(served));
    }

    @Test
    void parametersBodiesAndResponsesMatch() {
        for (String operation : operations(served)) {
            assertThat(shape(operation, written)).as(operation).isEqualTo(shape(operation, served));
        }
    }

    @Test
    void schemasMatch() {
        Map<String, Object> writtenSchemas = schemas(written);
        Map<String, Object> servedSchemas = schemas(served);
        assertThat(writtenSchemas.keySet()).isEqualTo(servedSchemas.keySet());
        for (String name : servedSchemas.keySet()) {
            assertThat(schemaShape(map(writtenSchemas.get(name))))
                    .as("schema %s", name)
                    .isEqualTo(schemaShape(map(servedSchemas.get(name))));
        }
    }

    @Test
    void titleDescriptionAndLicenseMatch() {
        Map<String, Object> writtenInfo = map(written.get("info"));
        Map<String, Object> servedInfo = map(served.get("info"));
        for (String field : List.of("title", "version", "summary", "description")) {
            assertThat(String.valueOf(servedInfo.get(field)).strip()).as("info.%s", field)
                    .isNotEqualTo("null")
                    .isEqualTo(String.valueOf(writtenInfo.get(field)).strip());
        }
        assertThat(servedInfo.get("title")).isNotEqualTo("OpenAPI definition");
        assertThat(servedInfo.get("license")).isEqualTo(writtenInfo.get("license"));
    }

    @Test
    void tagsAreNamedAndDescribedAlike() {
        assertThat(tags(served)).isEqualTo(tags(written));
        TreeSet<String> used = new TreeSet<>();
        map(served.get("paths")).values().forEach(item -> map(item).values()
                .forEach(operation -> list(map(operation).get("tags")).forEach(tag -> used.add(String.valueOf(tag)))));
        assertThat(tags(served).keySet()).as("every tag an operation uses is declared").containsAll(used);
        assertThat(used).as("no generated controller names").noneMatch(tag -> tag.endsWith("-controller"));
    }

    @Test
    void everyOperationHasTheSameSummary() {
        for (String operation : operations(served)) {
            String summary = String.valueOf(operation(served, operation).get("summary"));
            assertThat(summary).as(operation).isNotBlank().isNotEqualTo("null");
            assertThat(summary).as(operation).isEqualTo(String.valueOf(operation(written, operation).get("summary")));
        }
    }

    @Test
    void enumsMatch() {
        Map<String, List<String>> servedEnums = enums(served);
        assertThat(servedEnums).isEqualTo(enums(written));
        // the eight the issue found missing (format, channel, installer, strategy, vendor, os, kind, source)
        assertThat(servedEnums).containsKeys("parameter format of POST /plan", "schema PlanRequest.channel",
                "schema PlanRequest.installer", "schema PlanRequest.strategy", "schema Gpu.vendor",
                "schema Platform.os", "schema Backend.kind", "schema PlanCatalogStatus.source");
    }

    @Test
    void planExamplesMatch() {
        Map<String, Object> servedExamples = planExamples(served);
        assertThat(servedExamples).hasSizeGreaterThanOrEqualTo(6);
        assertThat(servedExamples.keySet()).isEqualTo(planExamples(written).keySet());
        servedExamples.forEach((name, example) -> {
            Map<String, Object> writtenExample = map(planExamples(written).get(name));
            assertThat(map(example).get("value")).as("example %s", name).isEqualTo(writtenExample.get("value"));
            assertThat(map(example).get("summary")).as("example %s", name).isEqualTo(writtenExample.get("summary"));
        });
    }

    @Test
    void swaggerUiIsServed() throws Exception {
        mvc.perform(get("/swagger-ui.html")).andExpect(status().is3xxRedirection());
    }

    /** The named example bodies of POST /plan. */
    static Map<String, Object> planExamples(Map<String, Object> document) {
        Map<String, Object> body = map(operation(document, "POST /plan").get("requestBody"));
        return map(map(map(body.get("content")).get("application/json")).get("examples"));
    }

    private static Map<String, Object> tags(Map<String, Object> document) {
        Map<String, Object> tags = new TreeMap<>();
        list(document.get("tags")).forEach(tag -> tags.put(String.valueOf(map(tag).get("name")),
                map(tag).get("description")));
        return tags;
    }

    private static Map<String, Object> operation(Map<String, Object> document, String operation) {
        String[] parts = operation.split(" ", 2);
        return map(map(map(document.get("paths")).get(parts[1])).get(parts[0].toLowerCase()));
    }

    /** Every enum, keyed by where it applies: a schema's property or an operation's parameter. */
    private static Map<String, List<String>> enums(Map<String, Object> document) {
        Map<String, List<String>> enums = new TreeMap<>();
        schemas(document).forEach((name, schema) -> map(map(schema).get("properties")).forEach((property, value) -> {
            List<String> values = enumOf(map(value));
            if (!values.isEmpty()) {
                enums.put("schema " + name + "." + property, values);
            }
        }));
        for (String operation : operations(document)) {
            for (Object parameter : list(operation(document, operation).get("parameters"))) {
                Map<String, Object> fields = resolved(document, parameter);
                List<String> values = enumOf(map(fields.get("schema")));
                if (!values.isEmpty()) {
                    enums.put("parameter " + fields.get("name") + " of " + operation, values);
                }
            }
        }
        return enums;
    }

    private static List<String> enumOf(Map<String, Object> schema) {
        Map<String, Object> values = schema.get("items") != null && schema.get("enum") == null
                ? map(schema.get("items")) : schema;
        return list(values.get("enum")).stream().map(String::valueOf).toList();
    }

    static Map<String, Object> servedSpec(org.springframework.test.web.servlet.MockMvc mvc) throws Exception {
        return yaml(mvc.perform(get("/v3/api-docs")).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString());
    }

    static Map<String, Object> writtenSpec() throws IOException {
        return yaml(Files.readString(topLevelFile()));
    }

    private static Path topLevelFile() {
        // tests run in the module directory (service/); the file lives at the repository root
        Path fromModule = Path.of("..", "openapi.yaml");
        return Files.exists(fromModule) ? fromModule : Path.of("openapi.yaml");
    }

    private static TreeSet<String> operations(Map<String, Object> document) {
        TreeSet<String> operations = new TreeSet<>();
        map(document.get("paths")).forEach((path, item) -> map(item).keySet().stream()
                .filter(method -> List.of("get", "post", "put", "delete", "patch").contains(method))
                .forEach(method -> operations.add(method.toUpperCase() + " " + path)));
        return operations;
    }

    /** Parameters (name, place, required, type), body media types and schema, response codes, media and schema. */
    private static Map<String, Object> shape(String operation, Map<String, Object> document) {
        String[] parts = operation.split(" ", 2);
        Map<String, Object> details = map(map(map(document.get("paths")).get(parts[1])).get(parts[0].toLowerCase()));
        Map<String, Object> shape = new TreeMap<>();
        List<String> parameters = new ArrayList<>();
        for (Object parameter : list(details.get("parameters"))) {
            Map<String, Object> fields = resolved(document, parameter);
            parameters.add(fields.get("name") + " in " + fields.get("in") + " required=" + Boolean.TRUE.equals(
                    fields.get("required")) + " " + type(map(fields.get("schema"))));
        }
        parameters.sort(null);
        shape.put("parameters", parameters);
        if (details.get("requestBody") != null) {
            shape.put("requestBody", content(map(map(details.get("requestBody")).get("content"))));
        }
        Map<String, Object> responses = new TreeMap<>();
        map(details.get("responses")).forEach((code, response) ->
                responses.put(code, content(map(resolved(document, response).get("content")))));
        shape.put("responses", responses);
        return shape;
    }

    /** A parameter or response, following a {@code $ref} into the document's components. */
    private static Map<String, Object> resolved(Map<String, Object> document, Object node) {
        Object reference = map(node).get("$ref");
        if (reference == null) {
            return map(node);
        }
        Object target = document;
        for (String part : String.valueOf(reference).substring(2).split("/")) {
            target = map(target).get(part);
        }
        return map(target);
    }

    private static Map<String, String> content(Map<String, Object> content) {
        Map<String, String> media = new TreeMap<>();
        content.forEach((type, value) -> media.put(type, type(map(map(value).get("schema")))));
        return media;
    }

    private static Map<String, Object> schemaShape(Map<String, Object> schema) {
        Map<String, Object> shape = new TreeMap<>();
        shape.put("type", type(schema));
        Map<String, String> properties = new TreeMap<>();
        map(schema.get("properties")).forEach((name, property) -> properties.put(name, type(map(property))));
        shape.put("properties", properties);
        shape.put("required", new TreeSet<>(list(schema.get("required")).stream().map(String::valueOf).toList()));
        return shape;
    }

    /** A schema's type in one word: a referenced schema's name, array of X, map of X, or the JSON type. */
    private static String type(Map<String, Object> schema) {
        if (schema.isEmpty()) {
            return "none";
        }
        if (schema.get("$ref") != null) {
            String reference = String.valueOf(schema.get("$ref"));
            return reference.substring(reference.lastIndexOf('/') + 1);
        }
        Object type = schema.get("type");
        if (type instanceof List<?> types) {
            type = types.stream().map(String::valueOf).filter(candidate -> !"null".equals(candidate)).findFirst()
                    .orElse("null");
        }
        if ("array".equals(type)) {
            return "array of " + type(map(schema.get("items")));
        }
        if ("object".equals(type) && schema.get("additionalProperties") instanceof Map<?, ?> values) {
            return "map of " + type(map(values));
        }
        return type + (schema.get("format") == null ? "" : " (" + schema.get("format") + ")");
    }

    private static Map<String, Object> schemas(Map<String, Object> document) {
        return map(map(document.get("components")).get("schemas"));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> ? (Map<String, Object>) value : Map.of();
    }

    private static List<?> list(Object value) {
        return value instanceof List<?> values ? values : List.of();
    }

    private static Map<String, Object> yaml(String text) throws IOException {
        return new Yaml().load(text);
    }
}
