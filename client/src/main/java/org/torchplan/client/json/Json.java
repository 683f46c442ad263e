package org.torchplan.client.json;

import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.PrettyPrinter;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.util.DefaultPrettyPrinter;

/**
 * Reads and writes the client's few small JSON documents with Jackson's streaming parser and generator.
 *
 * <p>Why not jackson-databind's tree model: starting its object mapper loads about 560 classes, several hundred
 * milliseconds of a command that should finish in half a second; the streaming layer needs a few dozen.
 */
public final class Json {

    private static final JsonFactory FACTORY = new JsonFactory();
    /** Deeper nesting than any document of the service; bounds the recursion on hostile input. */
    private static final int MAXIMUM_DEPTH = 64;

    private Json() {
    }

    /** @return the document's top-level object, or empty when the text is not a JSON object */
    public static Optional<JsonObject> parseObject(String text) {
        try (JsonParser parser = FACTORY.createParser(ObjectReadContext.empty(), text)) {
            JsonToken first = parser.nextToken();
            if (first != JsonToken.START_OBJECT) {
                return Optional.empty();
            }
            Object value = readValue(parser, first, 0);
            if (parser.nextToken() != null) {
                return Optional.empty();
            }
            return Optional.of((JsonObject) value);
        } catch (JacksonException | TooDeepException notJson) {
            return Optional.empty();
        }
    }

    private static Object readValue(JsonParser parser, JsonToken token, int depth) {
        if (depth > MAXIMUM_DEPTH) {
            throw new TooDeepException();
        }
        switch (token) {
            case START_OBJECT: {
                Map<String, Object> fields = new LinkedHashMap<>();
                for (JsonToken next = parser.nextToken(); next != JsonToken.END_OBJECT; next = parser.nextToken()) {
                    String name = parser.currentName();
                    fields.put(name, readValue(parser, parser.nextToken(), depth + 1));
                }
                return new JsonObject(Collections.unmodifiableMap(fields));
            }
            case START_ARRAY: {
                List<Object> elements = new ArrayList<>();
                for (JsonToken next = parser.nextToken(); next != JsonToken.END_ARRAY; next = parser.nextToken()) {
                    elements.add(readValue(parser, next, depth + 1));
                }
                return Collections.unmodifiableList(elements);
            }
            case VALUE_STRING:
                return parser.getString();
            case VALUE_NUMBER_INT:
            case VALUE_NUMBER_FLOAT:
                return parser.getNumberValue();
            case VALUE_TRUE:
                return Boolean.TRUE;
            case VALUE_FALSE:
                return Boolean.FALSE;
            default:
                return JsonObject.NULL;
        }
    }

    /** Writes one document; {@code pretty} indents it for people. */
    public static String write(boolean pretty, Consumer<JsonGenerator> document) {
        StringWriter text = new StringWriter();
        ObjectWriteContext context = pretty ? new ObjectWriteContext.Base() {
            @Override
            public PrettyPrinter getPrettyPrinter() {
                return new DefaultPrettyPrinter();
            }
        } : ObjectWriteContext.empty();
        try (JsonGenerator generator = FACTORY.createGenerator(context, text)) {
            document.accept(generator);
        }
        return text.toString();
    }

    private static final class TooDeepException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        TooDeepException() {
            super("JSON nested too deeply", null, false, false);
        }
    }
}
