package org.torchplan.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.torchplan.testsupport.SilentServer;

/**
 * An index that accepts connections and never answers: a plan of a channel loaded on demand (nightly) is answered
 * within the request budget, with a 503 naming the index and the cause, never a policy message; stable plans,
 * read from the snapshot in memory, are unaffected meanwhile.
 */
@SpringBootTest(properties = {
    "torchplan.catalog.refresh-on-start=false",
    "torchplan.catalog.companion-metadata=false",
    "torchplan.catalog.data-dir=target/upstream-budget-test-data",
    "torchplan.catalog.upstream.request-budget=1s",
    "torchplan.catalog.upstream.read-timeout=60s",
    "torchplan.catalog.upstream.retry-failed-after=1m",
})
@AutoConfigureMockMvc
class UpstreamBudgetApiTest {

    private static final SilentServer SILENT = new SilentServer();
    private static final String NIGHTLY = """
            {"requirements": ["torch"], "python": "cp312", "channel": "nightly",
             "platform": {"os": "linux", "arch": "x86_64", "glibc": "2.35"},
             "gpu": {"vendor": "nvidia", "driverVersion": "570.86.10"}}
            """;

    @Autowired
    MockMvc mvc;

    @DynamicPropertySource
    static void silentIndex(DynamicPropertyRegistry registry) {
        registry.add("torchplan.index.url", () -> SILENT.baseUrl() + "/whl");
    }

    @AfterAll
    static void stop() throws Exception {
        SILENT.close();
    }

    @Test
    void aNightlyPlanIsAnsweredWithinTheBudgetNamingTheIndexAndStablePlansGoOn() throws Exception {
        long start = System.nanoTime();
        mvc.perform(post("/plan").contentType(MediaType.APPLICATION_JSON).content(NIGHTLY))
                .andExpect(status().isServiceUnavailable())
                .andExpect(header().string("Retry-After", "30"))
                .andExpect(jsonPath("$.title").value("The package index could not be read"))
                .andExpect(jsonPath("$.detail").value(containsString(
                        "the nightly channel could not be read from " + SILENT.baseUrl() + "/whl/nightly/")))
                .andExpect(jsonPath("$.detail").value(containsString("no answer within 1000 ms")))
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.not(containsString("policy"))));
        Duration first = Duration.ofNanos(System.nanoTime() - start);

        long stableStart = System.nanoTime();
        mvc.perform(post("/plan").contentType(MediaType.APPLICATION_JSON).content(NIGHTLY.replace("nightly", "stable")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.backend").value("cu126"));
        Duration stable = Duration.ofNanos(System.nanoTime() - stableStart);

        long againStart = System.nanoTime();
        mvc.perform(post("/plan").contentType(MediaType.APPLICATION_JSON).content(NIGHTLY))
                .andExpect(status().isServiceUnavailable());
        Duration again = Duration.ofNanos(System.nanoTime() - againStart);

        assertThat(first).as("the first nightly plan waits no longer than the budget").isLessThan(Duration.ofSeconds(3));
        assertThat(stable).as("a stable plan does not wait on the silent index").isLessThan(Duration.ofSeconds(1));
        assertThat(again).as("the discovery under way is joined, not started again").isLessThan(Duration.ofSeconds(3));
        assertThat(SILENT.connections()).as("connections the listing and background refreshes opened").isPositive();
    }
}
