package org.torchplan.resolve;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import org.torchplan.packaging.Version;

/**
 * A seeded random set of small projects for the differential test against pip: a few versions each, with
 * dependency edges that bound, pin, exclude and cycle, extras, markers true and false on Linux, pre-releases,
 * local labels, yanked files, Requires-Python that excludes the target, wheels for another platform, and the odd
 * dependency on a project the index does not have.
 */
record Universe(String prefix, Map<String, List<String>> versions, List<Wheel> wheels) {

    private static final List<String> VERSION_POOL = List.of("0.9", "1.0", "1.1", "1.2", "2.0", "2.1", "3.0");

    /** One wheel file and what its METADATA and index entry say. */
    record Wheel(String fileName, List<String> requiresDist, String requiresPython, List<String> providesExtra,
            String yankedReason) {
    }

    static Universe generate(int number, Random random, String abi) {
        String prefix = "u" + number;
        int projectCount = 5 + random.nextInt(3);
        Map<String, List<String>> versions = new LinkedHashMap<>();
        for (int project = 0; project < projectCount; project++) {
            TreeSet<Version> chosen = new TreeSet<>();
            int count = 2 + random.nextInt(3);
            while (chosen.size() < count) {
                chosen.add(Version.parse(VERSION_POOL.get(random.nextInt(VERSION_POOL.size()))));
            }
            List<String> texts = new ArrayList<>();
            chosen.forEach(version -> texts.add(version.toString()));
            if (random.nextInt(100) < 30) {
                texts.add(chosen.last().major() + 1 + ".0rc1");
            }
            if (random.nextInt(100) < 15) {
                texts.add(texts.get(0) + "+cpu");
            }
            versions.put(prefix + "-p" + project, texts);
        }
        List<String> names = new ArrayList<>(versions.keySet());
        Map<String, String> rivalry = rivalry(names, versions, random);
        List<Wheel> wheels = new ArrayList<>();
        for (int project = 0; project < names.size(); project++) {
            String name = names.get(project);
            for (String version : versions.get(name)) {
                List<String> requiresDist = new ArrayList<>();
                String rivalRequirement = rivalry.get(name + " " + version);
                if (rivalRequirement != null) {
                    requiresDist.add(rivalRequirement);
                }
                boolean providesFast = random.nextInt(100) < 35;
                for (int other = 0; other < names.size(); other++) {
                    boolean forward = other > project;
                    int chance = forward ? 15 : (other < project ? 4 : 0);
                    if (random.nextInt(100) >= chance) {
                        continue;
                    }
                    String dependency = names.get(other);
                    if (random.nextInt(100) < 12) {
                        dependency += "[fast]";
                    }
                    requiresDist.add(dependency + randomSpecifier(random, versions.get(names.get(other)))
                            + randomMarker(random));
                }
                if (providesFast && project + 1 < names.size()) {
                    String other = names.get(project + 1 + random.nextInt(names.size() - project - 1));
                    requiresDist.add(other + randomSpecifier(random, versions.get(other)) + "; extra == \"fast\"");
                }
                if (random.nextInt(100) < 2) {
                    requiresDist.add(prefix + "-missing>=1");
                }
                String requiresPython = null;
                int pythonRoll = random.nextInt(100);
                if (pythonRoll < 5) {
                    requiresPython = ">=3.99";
                } else if (pythonRoll < 18) {
                    requiresPython = ">=3.8";
                }
                String yanked = random.nextInt(100) < 10 ? (random.nextBoolean() ? "" : "broken build") : null;
                List<String> extras = providesFast ? List.of("fast") : List.of();
                String distribution = name.replace('-', '_');
                int fileRoll = random.nextInt(100);
                if (fileRoll < 4) {
                    wheels.add(new Wheel(distribution + "-" + version + "-" + abi + "-" + abi + "-win_amd64.whl",
                            requiresDist, requiresPython, extras, yanked));
                    continue;
                }
                wheels.add(new Wheel(distribution + "-" + version + "-py3-none-any.whl", requiresDist, requiresPython,
                        extras, yanked));
                if (fileRoll < 30) {
                    wheels.add(new Wheel(distribution + "-" + version + "-" + abi + "-" + abi
                            + "-manylinux_2_17_x86_64.whl", requiresDist, requiresPython, extras, yanked));
                }
            }
        }
        return new Universe(prefix, versions, wheels);
    }

    /**
     * Two rivals (the first two projects) whose newest final releases want opposite ends of a shared project (the
     * last one): both are installable only with one of them older, and which one pip keeps newest depends on the
     * order it pins them in, so pip's preference order is tested, not only the set of valid answers.
     */
    private static Map<String, String> rivalry(List<String> names, Map<String, List<String>> versions, Random random) {
        String hub = names.get(names.size() - 1);
        List<String> hubFinals = new ArrayList<>();
        for (String version : versions.get(hub)) {
            if (!Version.parse(version).isPrerelease() && !Version.parse(version).hasLocal()) {
                hubFinals.add(version);
            }
        }
        Map<String, String> rivalry = new LinkedHashMap<>();
        if (hubFinals.size() < 2) {
            return rivalry;
        }
        String split = hubFinals.get(1);
        String high = random.nextInt(100) < 30 ? "==" + hubFinals.get(hubFinals.size() - 1) : ">=" + split;
        String low = random.nextInt(100) < 30 ? "==" + hubFinals.get(0) : "<" + split;
        rivalry.put(names.get(0) + " " + newestFinal(versions.get(names.get(0))), hub + high);
        rivalry.put(names.get(1) + " " + newestFinal(versions.get(names.get(1))), hub + low);
        return rivalry;
    }

    private static String newestFinal(List<String> versions) {
        String newest = null;
        for (String version : versions) {
            Version parsed = Version.parse(version);
            if (!parsed.isPrerelease() && !parsed.hasLocal()
                    && (newest == null || parsed.compareTo(Version.parse(newest)) > 0)) {
                newest = version;
            }
        }
        return newest;
    }

    private static String randomSpecifier(Random random, List<String> versions) {
        String exact = versions.get(random.nextInt(versions.size()));
        // a local label is allowed only with == and != (PEP 440)
        String version = Version.parse(exact).publicVersion().toString();
        int roll = random.nextInt(100);
        if (roll < 30) {
            return "";
        } else if (roll < 50) {
            return ">=" + version;
        } else if (roll < 68) {
            return "<" + version;
        } else if (roll < 80) {
            return "==" + exact;
        } else if (roll < 88) {
            return "!=" + exact;
        } else if (roll < 94) {
            return "~=" + Version.parse(version).major() + "." + Version.parse(version).minor();
        }
        return ">=" + version + ",<" + (Version.parse(version).major() + 2);
    }

    private static String randomMarker(Random random) {
        int roll = random.nextInt(100);
        if (roll < 8) {
            return "; sys_platform == \"win32\"";
        } else if (roll < 16) {
            return "; python_version >= \"3.8\"";
        } else if (roll < 20) {
            return "; python_version < \"3.8\"";
        }
        return "";
    }

    /** The two rivals asked together, in both orders: pip keeps the first one given at its newest. */
    List<ResolverAgainstPipTest.Case> rivalCases(InMemoryProjectSource source) {
        List<String> names = new ArrayList<>(versions.keySet());
        return List.of(
                new ResolverAgainstPipTest.Case(prefix, List.of(names.get(0), names.get(1)), List.of(), false, source),
                new ResolverAgainstPipTest.Case(prefix, List.of(names.get(1), names.get(0)), List.of(), false, source));
    }

    ResolverAgainstPipTest.Case randomCase(Random random, InMemoryProjectSource source) {
        List<String> names = new ArrayList<>(versions.keySet());
        int rootCount = 1 + random.nextInt(3);
        List<String> roots = new ArrayList<>();
        if (random.nextInt(100) < 45) {
            // the rivals, in either order, unbounded: only the pin order decides which stays newest
            boolean swap = random.nextBoolean();
            roots.add(names.get(swap ? 1 : 0));
            roots.add(names.get(swap ? 0 : 1));
            rootCount = random.nextInt(2);
        }
        for (int root = 0; root < rootCount; root++) {
            String name = names.get(random.nextInt(Math.min(names.size(), 4)));
            String text = name;
            if (random.nextInt(100) < 15) {
                text += "[fast]";
            }
            roots.add(text + randomSpecifier(random, versions.get(name)));
        }
        List<String> constraints = new ArrayList<>();
        if (random.nextInt(100) < 20) {
            String name = names.get(random.nextInt(names.size()));
            String specifier = randomSpecifier(random, versions.get(name));
            if (!specifier.isEmpty()) {
                constraints.add(name + specifier);
            }
        }
        boolean prereleases = random.nextInt(100) < 20;
        return new ResolverAgainstPipTest.Case(prefix, roots, constraints, prereleases, source);
    }
}
