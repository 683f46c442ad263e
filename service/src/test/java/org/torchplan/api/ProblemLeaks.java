package org.torchplan.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

/** The names no answer may carry: internal classes, libraries and exception types are the service's business. */
final class ProblemLeaks {

    static final List<String> FORBIDDEN = List.of("java.", "tools.jackson", "org.springframework", "Exception",
            "org.torchplan", "\tat ");

    private ProblemLeaks() {
    }

    static void assertNone(String answer) {
        for (String name : FORBIDDEN) {
            assertThat(answer).as("leak of '%s' in %s", name, answer).doesNotContain(name);
        }
    }
}
