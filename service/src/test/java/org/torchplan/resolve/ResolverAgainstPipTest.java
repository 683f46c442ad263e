package org.torchplan.resolve;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.torchplan.packaging.Architecture;
import org.torchplan.packaging.GlibcVersion;
import org.torchplan.packaging.OperatingSystem;
import org.torchplan.packaging.PackageName;
import org.torchplan.packaging.PythonTarget;
import org.torchplan.packaging.Requirement;
import org.torchplan.packaging.Target;
import org.torchplan.testsupport.LoopbackWheelIndex;
import org.torchplan.testsupport.PipInstallChoice;
import org.torchplan.testsupport.PipRunner;
import org.torchplan.testsupport.ProcessResult;

/**
 * The resolver against real pip: seeded random universes of small projects (conflicting bounds that force
 * backtracking, cycles, extras, markers, pre-releases, yanked files, Requires-Python, local labels, wheels for
 * another platform, missing projects) are served as a PEP 503 index on loopback, and for random root sets
 * {@code pip install --dry-run --report} must pick exactly the versions and wheels the resolver picks, and fail
 * exactly where the resolver finds no environment.
 *
 * <p>pip evaluates markers against the interpreter it runs on (its {@code --python-version} / {@code --platform}
 * only choose wheels), so the target is this machine's Python on Linux x86_64, and the universes' markers use only
 * {@code sys_platform} and {@code python_version}, which the target and the interpreter agree on.
 */
class ResolverAgainstPipTest {

    private static final long SEED = 20261130L;
    private static final int UNIVERSES = 10;
    private static final int CASES_PER_UNIVERSE = 8;
    private static final String PLATFORM = "manylinux_2_17_x86_64";

    @Test
    void picksWhatPipPicksInRandomUniverses() throws Exception {
        PipRunner pip = PipRunner.locate();
        ProcessResult versionOutput = PipRunner.run(List.of(pip.python(), "-c",
                "import sys; print(f'{sys.version_info[0]}.{sys.version_info[1]}')"), null);
        String pythonVersion = versionOutput.output().strip();
        PythonTarget python = PythonTarget.parse(pythonVersion);
        String abi = python.abiTag();
        Target target = new Target(python, OperatingSystem.LINUX, Architecture.X86_64,
                Optional.of(GlibcVersion.parse("2.17")), Optional.empty());
        Random random = new Random(SEED);
        List<Case> cases = new ArrayList<>();
        try (LoopbackWheelIndex index = LoopbackWheelIndex.start()) {
            for (int universe = 0; universe < UNIVERSES; universe++) {
                Universe generated = Universe.generate(universe, random, abi);
                InMemoryProjectSource source = new InMemoryProjectSource();
                for (Universe.Wheel wheel : generated.wheels()) {
                    index.addPypiWheel(wheel.fileName(), wheel.requiresDist(), wheel.requiresPython(),
                            wheel.providesExtra(), wheel.yankedReason());
                    source.wheel(wheel.fileName(), wheel.requiresDist(), wheel.requiresPython(), wheel.providesExtra(),
                            wheel.yankedReason());
                }
                for (int number = 0; number < CASES_PER_UNIVERSE; number++) {
                    cases.add(generated.randomCase(random, source));
                }
                cases.addAll(generated.rivalCases(source));
            }
            List<Path> constraintFiles = new ArrayList<>();
            List<PipRunner.DryRunCase> pipCases = new ArrayList<>();
            for (Case scenario : cases) {
                List<String> extraArguments = new ArrayList<>();
                if (scenario.prereleases()) {
                    extraArguments.add("--pre");
                }
                if (!scenario.constraints().isEmpty()) {
                    Path constraintsFile = Files.createTempFile("constraints", ".txt");
                    constraintFiles.add(constraintsFile);
                    Files.writeString(constraintsFile, String.join("\n", scenario.constraints()) + "\n");
                    extraArguments.addAll(List.of("-c", constraintsFile.toString()));
                }
                pipCases.add(new PipRunner.DryRunCase(scenario.roots(), extraArguments));
            }
            // two interpreters, each running half the cases: pip starts twice, not once per case
            ExecutorService workers = Executors.newFixedThreadPool(2);
            List<PipRunner.DryRun> dryRuns = new ArrayList<>();
            try {
                int half = pipCases.size() / 2;
                Future<List<PipRunner.DryRun>> first = workers.submit(() -> pip.dryRuns(index.pypiIndexUrl(),
                        pipCases.subList(0, half), pythonVersion, List.of(PLATFORM), abi, "cp"));
                Future<List<PipRunner.DryRun>> second = workers.submit(() -> pip.dryRuns(index.pypiIndexUrl(),
                        pipCases.subList(half, pipCases.size()), pythonVersion, List.of(PLATFORM), abi, "cp"));
                dryRuns.addAll(first.get());
                dryRuns.addAll(second.get());
            } finally {
                workers.shutdownNow();
                constraintFiles.forEach(file -> file.toFile().delete());
            }
            List<String> mismatches = new ArrayList<>();
            int failuresAgreed = 0;
            // rival pairs (the last two cases of each universe) whose answer depends on the order they were asked in
            int orderDecided = 0;
            for (int number = CASES_PER_UNIVERSE; number < cases.size(); number += CASES_PER_UNIVERSE + 2) {
                PipRunner.DryRun inOrder = dryRuns.get(number);
                PipRunner.DryRun swapped = dryRuns.get(number + 1);
                if (inOrder.result().succeeded() && swapped.result().succeeded()
                        && !pipVersions(inOrder).equals(pipVersions(swapped))) {
                    orderDecided++;
                }
            }
            for (int number = 0; number < cases.size(); number++) {
                String result = judge(cases.get(number), dryRuns.get(number), target);
                if (result.equals("failed alike")) {
                    failuresAgreed++;
                } else if (!result.equals("matched")) {
                    mismatches.add(result);
                }
            }
            System.out.printf("resolver vs pip: %d cases, %d matched (%d of them failures on both sides); in %d rival"
                    + " pairs pip's answer depended on the order given%n",
                    cases.size(), cases.size() - mismatches.size(), failuresAgreed, orderDecided);
            if (!mismatches.isEmpty()) {
                fail(mismatches.size() + " of " + cases.size() + " cases differ from pip:\n"
                        + String.join("\n\n", mismatches));
            }
            assertTrue(cases.size() >= 40, "at least 40 cases");
            assertTrue(orderDecided >= 3, "the universes make pin order matter in a few rival pairs: " + orderDecided);
            assertTrue(failuresAgreed < cases.size() / 2, "most cases resolve: " + failuresAgreed + " failed");
        }
    }

    private static String judge(Case scenario, PipRunner.DryRun dryRun, Target target) {
        List<Requirement> roots = new ArrayList<>();
        scenario.roots().forEach(text -> roots.add(Requirement.parse(text)));
        List<Requirement> constraints = new ArrayList<>();
        scenario.constraints().forEach(text -> constraints.add(Requirement.parse(text)));
        ResolutionRequest request = ResolutionRequest.of(roots, target, scenario.source())
                .withPrereleases(scenario.prereleases()).withConstraints(constraints);
        Map<String, String> ours;
        Map<String, String> oursWheels = new TreeMap<>();
        try {
            Resolution resolution = Resolver.resolve(request);
            ours = new TreeMap<>(resolution.versions());
            for (ResolvedDistribution distribution : resolution.distributions()) {
                oursWheels.put(distribution.name(), distribution.wheel().orElseThrow().filename().toString());
            }
        } catch (ResolutionImpossibleException impossible) {
            if (dryRun.result().succeeded()) {
                return scenario + "\n  pip resolved " + pipVersions(dryRun) + "\n  we said: " + impossible.getMessage();
            }
            String output = dryRun.result().output();
            if (output.contains("ResolutionImpossible") || output.contains("No matching distribution")) {
                return "failed alike";
            }
            return scenario + "\n  pip failed for another reason:\n" + output;
        }
        if (!dryRun.result().succeeded()) {
            return scenario + "\n  pip failed:\n" + dryRun.result().output() + "\n  we resolved " + ours;
        }
        Map<String, String> pips = pipVersions(dryRun);
        if (!pips.equals(ours)) {
            return scenario + "\n  pip: " + pips + "\n  we:  " + ours;
        }
        Map<String, String> pipWheels = new TreeMap<>();
        for (PipInstallChoice choice : dryRun.choices()) {
            String url = choice.url();
            pipWheels.put(PackageName.normalize(choice.name()),
                    URLDecoder.decode(url.substring(url.lastIndexOf('/') + 1), StandardCharsets.UTF_8));
        }
        if (!pipWheels.equals(oursWheels)) {
            return scenario + "\n  pip wheels: " + pipWheels + "\n  our wheels: " + oursWheels;
        }
        return "matched";
    }

    private static Map<String, String> pipVersions(PipRunner.DryRun dryRun) {
        Map<String, String> versions = new TreeMap<>();
        for (PipInstallChoice choice : dryRun.choices()) {
            versions.put(PackageName.normalize(choice.name()), choice.version());
        }
        return versions;
    }

    /** One pip run: root requirements, constraints, {@code --pre}. */
    record Case(String universe, List<String> roots, List<String> constraints, boolean prereleases,
            InMemoryProjectSource source) {
        @Override
        public String toString() {
            return universe + ": roots " + roots + (constraints.isEmpty() ? "" : " constraints " + constraints)
                    + (prereleases ? " --pre" : "");
        }
    }
}
