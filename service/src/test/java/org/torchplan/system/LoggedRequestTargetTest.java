package org.torchplan.system;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LoggedRequestTargetTest {

    @ParameterizedTest(name = "{0} ? {1} -> {2}")
    @CsvSource(delimiter = '|', nullValues = "NULL", textBlock = """
        /plan                  | NULL                                 | /plan
        ''                     | NULL                                 | /
        /plan                  | ''                                   | /plan
        /plan                  | requirements=torch&python=cp312      | /plan?requirements=torch&python=cp312
        /plan                  | token=abc123                         | /plan?token=***
        /catalog               | api_key=k&channel=stable             | /catalog?api_key=***&channel=stable
        /catalog               | X-Amz-Signature=f00&channel=test     | /catalog?X-Amz-Signature=***&channel=test
        /catalog               | X-Amz-Credential=c&sort_order=asc    | /catalog?X-Amz-Credential=***&sort_order=asc
        /catalog               | Access-Token=t&GITHUB_TOKEN=g        | /catalog?Access-Token=***&GITHUB_TOKEN=***
        /plan                  | PASSWORD=hunter2&flag                | /plan?PASSWORD=***&flag
        /plan                  | db_password=p&client_secret=s        | /plan?db_password=***&client_secret=***
        /plan                  | secret==x=y                          | /plan?secret=***
        """)
    void keepsPathAndRedactsCredentialValues(String path, String query, String expected) {
        assertThat(LoggedRequestTarget.of(path, query)).isEqualTo(expected);
    }

    @Test
    void boundsHostileLongTargets() {
        String logged = LoggedRequestTarget.of("/" + "a".repeat(10_000), "q=" + "b".repeat(10_000));

        assertThat(logged).hasSize(LoggedRequestTarget.MAX_LENGTH + 3).endsWith("...");
    }
}
