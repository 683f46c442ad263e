package org.torchplan.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ShellScriptRenderingTest {

    private static final String HOSTILE_CHARACTERS = "'\"`$\\;|&<>(){}[]*?!~#=% \t\n\r\u0000\u00e9\u2028-_.,:@^+";

    @ParameterizedTest
    @ValueSource(strings = {"torch==2.12.0+cu126", "it's", "'", "''", "$(reboot)", "`id`", "a; rm -rf /",
            "x\ny", "\\'", "'\\''", "${PYTHON}", "*", "--index-url", "", " "})
    void everyArgumentReadsBackExactly(String argument) {
        InstallStep step = new InstallStep("test", List.of("python", "-m", "pip", "install", argument));

        List<String> words = ShellWords.split(ShellScriptRendering.command(step));

        assertThat(words).containsExactly(ShellWords.INTERPRETER, "-m", "pip", "install", argument);
    }

    @Test
    void randomArgumentsReadBackExactly() {
        Random random = new Random(20260519);
        for (int round = 0; round < 2000; round++) {
            List<String> argv = new ArrayList<>(List.of("python", "-m", "pip", "install"));
            int count = 1 + random.nextInt(5);
            for (int index = 0; index < count; index++) {
                argv.add(randomWord(random));
            }
            InstallStep step = new InstallStep("random", argv);

            List<String> words = ShellWords.split(ShellScriptRendering.command(step));

            List<String> expected = new ArrayList<>(argv);
            expected.set(0, ShellWords.INTERPRETER);
            assertThat(words).as("argv %s", argv).isEqualTo(expected);
        }
    }

    @Test
    void theInterpreterIsTheOnlyUnquotedWord() {
        InstallStep step = new InstallStep("pip", List.of("python", "-m", "pip", "install", "python"));

        assertThat(ShellScriptRendering.command(step))
                .isEqualTo("\"${PYTHON:-python3}\" '-m' 'pip' 'install' 'python'");
    }

    @Test
    void uvNamesTheInterpreterAfterDashDashPython() {
        InstallStep step = new InstallStep("uv",
                List.of("uv", "pip", "install", "--python", "python", "--index-url", "https://x/whl/cu126", "torch"));

        assertThat(ShellWords.split(ShellScriptRendering.command(step)))
                .containsExactly("uv", "pip", "install", "--python", ShellWords.INTERPRETER, "--index-url",
                        "https://x/whl/cu126", "torch");
    }

    private static String randomWord(Random random) {
        StringBuilder word = new StringBuilder();
        int length = random.nextInt(12);
        for (int index = 0; index < length; index++) {
            word.append(random.nextInt(3) == 0
                    ? (char) ('a' + random.nextInt(26))
                    : HOSTILE_CHARACTERS.charAt(random.nextInt(HOSTILE_CHARACTERS.length())));
        }
        return word.toString();
    }
}
