package org.torchplan.packaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PythonTargetTest {

    /** ABI tags as pypa/packaging's {@code _cpython_abis} gives them for a release build of that version. */
    @ParameterizedTest(name = "''{0}'' -> {5}")
    @CsvSource(delimiter = '|', value = {
        // input | major | minor | free-threaded | interpreter tag | ABI tag | printed | python_version
        "cp312 | 3 | 12 | false | cp312 | cp312 | cp312 | 3.12",
        "cp39 | 3 | 9 | false | cp39 | cp39 | cp39 | 3.9",
        "cp38 | 3 | 8 | false | cp38 | cp38 | cp38 | 3.8",
        "3.8 | 3 | 8 | false | cp38 | cp38 | cp38 | 3.8",
        // before 3.8 the ABI carries pymalloc's m
        "cp37 | 3 | 7 | false | cp37 | cp37m | cp37 | 3.7",
        "3.7 | 3 | 7 | false | cp37 | cp37m | cp37 | 3.7",
        "cp36 | 3 | 6 | false | cp36 | cp36m | cp36 | 3.6",
        "cp33 | 3 | 3 | false | cp33 | cp33m | cp33 | 3.3",
        // free-threaded from 3.13
        "cp313t | 3 | 13 | true | cp313 | cp313t | cp313t | 3.13",
        "3.13t | 3 | 13 | true | cp313 | cp313t | cp313t | 3.13",
        "cp314t | 3 | 14 | true | cp314 | cp314t | cp314t | 3.14",
        // any two-digit minor: releases without wheels are the catalog's answer, not a parse error
        "cp315 | 3 | 15 | false | cp315 | cp315 | cp315 | 3.15",
        "cp316 | 3 | 16 | false | cp316 | cp316 | cp316 | 3.16",
        "cp320t | 3 | 20 | true | cp320 | cp320t | cp320t | 3.20",
        "cp399 | 3 | 99 | false | cp399 | cp399 | cp399 | 3.99",
        "cp310 | 3 | 10 | false | cp310 | cp310 | cp310 | 3.10",
        // spelling
        "' CP311 ' | 3 | 11 | false | cp311 | cp311 | cp311 | 3.11",
        "CP313T | 3 | 13 | true | cp313 | cp313t | cp313t | 3.13",
        "3.12 | 3 | 12 | false | cp312 | cp312 | cp312 | 3.12",
    })
    void parsesWellFormedCpythonTargets(String input, int major, int minor, boolean freeThreaded,
            String interpreterTag, String abiTag, String printed, String version) {
        PythonTarget python = PythonTarget.parse(input);
        assertThat(python.major()).isEqualTo(major);
        assertThat(python.minor()).isEqualTo(minor);
        assertThat(python.freeThreaded()).isEqualTo(freeThreaded);
        assertThat(python.interpreterTag()).isEqualTo(interpreterTag);
        assertThat(python.abiTag()).isEqualTo(abiTag);
        assertThat(python).hasToString(printed);
        assertThat(python.version()).isEqualTo(version);
        assertThat(PythonTarget.parse(printed)).isEqualTo(python);
    }

    @ParameterizedTest(name = "''{0}'': {1}")
    @CsvSource(delimiter = '|', value = {
        // Python 2 and 3.0 to 3.2: the ABI (m or mu) depends on the build's Unicode width
        "cp27 | Python 2 is not supported",
        "2.7 | Python 2 is not supported",
        "cp26 | Python 2 is not supported",
        "cp30 | CPython 3.0 to 3.2 are not supported",
        "cp32 | CPython 3.0 to 3.2 are not supported",
        "3.2 | CPython 3.0 to 3.2 are not supported",
        // free-threaded before 3.13
        "cp312t | free-threaded CPython starts at 3.13",
        "cp39t | free-threaded CPython starts at 3.13",
        "cp37t | free-threaded CPython starts at 3.13",
        "3.12t | free-threaded CPython starts at 3.13",
        // three-digit or zero-padded minors are typos, not versions
        "cp3120 | one or two digits",
        "cp3100 | one or two digits",
        "3.120 | one or two digits",
        "cp3999999999999999999999 | one or two digits",
        "cp309 | no leading zero",
        "3.09 | no leading zero",
        // no CPython 1, 4 or 9
        "cp40 | no CPython 4 exists",
        "4.0 | no CPython 4 exists",
        "cp99 | no CPython 9 exists",
        "cp18 | no CPython 1 exists",
        "10.1 | expected CPython 3",
        "99999999999999999999.1 | expected CPython 3",
        // not a CPython target at all
        "'' | expected a CPython target",
        "cp | expected a CPython target",
        "cp3 | expected a CPython target",
        "3 | expected a CPython target",
        "py312 | expected a CPython target",
        "pp310 | expected a CPython target",
        "cp312d | expected a CPython target",
        "cp37m | expected a CPython target",
        "cp313tt | expected a CPython target",
        "3.12.1 | expected a CPython target",
        "python3.12 | expected a CPython target",
        "cp3.12 | expected a CPython target",
        "cp312 t | expected a CPython target",
    })
    void refusesWithTheTypedErrorNamingTheInputAndWhy(String input, String reason) {
        assertThatThrownBy(() -> PythonTarget.parse(input))
                .isInstanceOf(InvalidTagException.class)
                .hasMessageContaining("'" + input + "'")
                .hasMessageContaining(reason);
    }

    @ParameterizedTest(name = "{0}.{1} free-threaded={2}: {3}")
    @CsvSource(delimiter = '|', value = {
        "2 | 7 | false | Python 2 is not supported",
        "3 | 2 | false | CPython 3.0 to 3.2 are not supported",
        "3 | 100 | false | one or two digits",
        "3 | 12 | true | free-threaded CPython starts at 3.13",
        "4 | 0 | false | no CPython 4 exists",
    })
    void theConstructorHoldsTheSameRules(int major, int minor, boolean freeThreaded, String reason) {
        assertThatThrownBy(() -> new PythonTarget(major, minor, freeThreaded))
                .isInstanceOf(InvalidTagException.class)
                .hasMessageContaining(reason);
    }
}
