package org.torchplan.client.json;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A parsed JSON object. Accessors answer only when the field has the asked type, so a service answering with a
 * different shape yields "absent", never a class cast.
 */
public final class JsonObject {

    /** JSON {@code null}, kept distinct from a missing field. */
    static final Object NULL = new Object();

    private final Map<String, Object> fields;

    JsonObject(Map<String, Object> fields) {
        this.fields = fields;
    }

    public boolean has(String field) {
        return fields.containsKey(field);
    }

    public Optional<String> string(String field) {
        Object value = fields.get(field);
        return value instanceof String ? Optional.of((String) value) : Optional.empty();
    }

    public Optional<Boolean> bool(String field) {
        Object value = fields.get(field);
        return value instanceof Boolean ? Optional.of((Boolean) value) : Optional.empty();
    }

    public OptionalInt integer(String field) {
        Object value = fields.get(field);
        return value instanceof Integer ? OptionalInt.of((Integer) value) : OptionalInt.empty();
    }

    public Optional<JsonObject> object(String field) {
        Object value = fields.get(field);
        return value instanceof JsonObject ? Optional.of((JsonObject) value) : Optional.empty();
    }

    /** The raw elements of an array field (strings, numbers, booleans, objects, lists), or empty when not an array. */
    public Optional<List<Object>> array(String field) {
        Object value = fields.get(field);
        if (!(value instanceof List)) {
            return Optional.empty();
        }
        @SuppressWarnings("unchecked")
        List<Object> elements = (List<Object>) value;
        return Optional.of(elements);
    }

    /** The object elements of an array field; other elements are skipped. */
    public List<JsonObject> objects(String field) {
        List<JsonObject> objects = new ArrayList<>();
        array(field).orElse(List.of()).forEach(element -> {
            if (element instanceof JsonObject) {
                objects.add((JsonObject) element);
            }
        });
        return objects;
    }

    /** The string elements of an array field; other elements are skipped. */
    public List<String> strings(String field) {
        List<String> strings = new ArrayList<>();
        array(field).orElse(List.of()).forEach(element -> {
            if (element instanceof String) {
                strings.add((String) element);
            }
        });
        return strings;
    }
}
