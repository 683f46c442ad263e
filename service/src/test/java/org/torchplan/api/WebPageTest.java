package org.torchplan.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** Over real HTTP: {@code /} is the page, its files come from the jar, and an unknown path is still a problem. */
class WebPageTest extends ApiTest {

    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theRootIsThePage() throws Exception {
        HttpResponse<String> page = get("/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("text/html"));
        assertThat(page.body()).contains("id=\"plan-form\"").contains("id=\"view-catalog\"");
    }

    @Test
    void thePageNeedsNothingFromElsewhere() throws Exception {
        for (String file : new String[] {"/", "/style.css", "/dom.js", "/paste.js", "/install.js", "/catalog.js",
                "/app.js"}) {
            HttpResponse<String> answer = get(file);
            assertThat(answer.statusCode()).as(file).isEqualTo(200);
            // no CDN, no web font, no script or style from another host
            assertThat(answer.body()).as(file).doesNotContainPattern("(src|href)=\"(https?:)?//")
                    .doesNotContain("@import").doesNotContain("fonts.googleapis");
        }
    }

    @Test
    void anUnknownPathIsAProblemDocument() throws Exception {
        HttpResponse<String> answer = get("/no-such-page");
        assertThat(answer.statusCode()).isEqualTo(404);
        assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(answer.body()).contains("\"status\":404");
    }
}
