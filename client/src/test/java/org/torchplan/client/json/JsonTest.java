package org.torchplan.client.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonTest {

    @Test
    void fieldsAnswerOnlyForTheirType() {
        JsonObject object = Json.parseObject("{\"name\":\"torch\",\"stale\":false,\"status\":422,\"none\":null,"
                + "\"list\":[\"a\",1,{\"k\":\"v\"},\"b\"],\"nested\":{\"x\":\"y\"}}").orElseThrow();

        assertThat(object.string("name")).contains("torch");
        assertThat(object.string("status")).isEmpty();
        assertThat(object.integer("status")).hasValue(422);
        assertThat(object.bool("stale")).contains(false);
        assertThat(object.has("none")).isTrue();
        assertThat(object.string("none")).isEmpty();
        assertThat(object.strings("list")).containsExactly("a", "b");
        assertThat(object.objects("list")).singleElement().satisfies(inner -> assertThat(inner.string("k")).contains("v"));
        assertThat(object.object("nested").flatMap(nested -> nested.string("x"))).contains("y");
        assertThat(object.array("missing")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "[]", "\"text\"", "{\"a\":1} trailing", "{\"a\":", "<html></html>", "null"})
    void anythingButOneObjectIsNotAnObject(String text) {
        assertThat(Json.parseObject(text)).isEmpty();
    }

    @Test
    void hostileNestingIsRefusedNotAStackOverflow() {
        String deep = "{\"a\":" + "[".repeat(5000) + "]".repeat(5000) + "}";

        assertThat(Json.parseObject(deep)).isEmpty();
    }

    @Test
    void writtenTextIsEscapedJson() {
        String text = Json.write(false, json -> {
            json.writeStartObject();
            json.writeName("requirements");
            json.writeStartArray();
            List.of("a\"b", "line\nbreak").forEach(json::writeString);
            json.writeEndArray();
            json.writeEndObject();
        });

        assertThat(text).isEqualTo("{\"requirements\":[\"a\\\"b\",\"line\\nbreak\"]}");
        assertThat(Json.parseObject(text).orElseThrow().strings("requirements")).containsExactly("a\"b", "line\nbreak");
    }
}
