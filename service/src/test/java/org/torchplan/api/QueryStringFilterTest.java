package org.torchplan.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class QueryStringFilterTest {

    @ParameterizedTest
    @ValueSource(strings = {"", "requirement=torch", "requirement=torch%3E%3D2.4%2C%3C2.10&python=cp312",
        "a=1&&b=2", "flag", "a=", "a=x+y", "a=%C3%A9", "a=%F0%9F%98%80", "a=%e2%82%ac", "a=1&a=2"})
    void wellFormedQueriesPass(String query) {
        assertThat(QueryStringFilter.problem(query)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "requirement=%ZZ       | requirement",
        "requirement=%         | requirement",
        "requirement=torch%2   | requirement",
        "arch=%ED%A0%80        | arch",
        "arch=%C3%28           | arch",
        "arch=%FF              | arch",
        "arch=%C0%AF           | arch",
        "python=%F4%90%80%80   | python",
        "a=1&=v                | query",
        "=                     | query",
        "%ZZ=1                 | query",
        "%ED%A0%80=x           | query"})
    void malformedQueriesNameTheParameter(String query, String field) {
        assertThat(QueryStringFilter.problem(query)).hasValueSatisfying(problem ->
                assertThat(problem.field()).isEqualTo(field));
    }
}
