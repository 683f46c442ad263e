package org.torchplan.client.detect;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Answers probe commands with recorded outputs; any command not taught is "not installed". */
final class FakeCommandRunner implements CommandRunner {

    private final Map<List<String>, CommandResult> answers = new HashMap<>();
    private final List<List<String>> invocations = new ArrayList<>();

    FakeCommandRunner answer(List<String> argv, int exitCode, String output) {
        answers.put(List.copyOf(argv), new CommandResult(exitCode, output));
        return this;
    }

    FakeCommandRunner answerRecorded(List<String> argv, String recordedName) {
        return answer(argv, 0, Recorded.text(recordedName));
    }

    List<List<String>> invocations() {
        return invocations;
    }

    @Override
    public synchronized Optional<CommandResult> run(List<String> argv, Duration timeout) {
        invocations.add(List.copyOf(argv));
        return Optional.ofNullable(answers.get(argv));
    }

    static List<String> smiQuery(String program) {
        return List.of(program, "--query-gpu=driver_version,compute_cap,name", "--format=csv,noheader");
    }

    static List<String> smiQueryWithoutComputeCapability(String program) {
        return List.of(program, "--query-gpu=driver_version,name", "--format=csv,noheader");
    }
}
