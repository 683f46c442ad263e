package org.torchplan.api;

import org.torchplan.system.InvalidField;
import java.util.ArrayList;
import java.util.List;
import org.torchplan.packaging.Version;
import org.torchplan.packaging.PackageName;
import org.torchplan.packaging.DistributionMetadata;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.HashSet;
import java.util.Optional;
import java.util.function.Function;
import org.torchplan.backend.ComputeBackend;
import org.torchplan.backend.ComputeCapability;
import org.torchplan.backend.DriverVersion;
import org.torchplan.backend.Gpu;
import org.torchplan.catalog.model.Channel;
import org.torchplan.packaging.Architecture;
import org.torchplan.packaging.GlibcVersion;
import org.torchplan.packaging.MacosVersion;
import org.torchplan.packaging.Marker;
import org.torchplan.packaging.MarkerEnvironment;
import org.torchplan.packaging.OperatingSystem;
import org.torchplan.packaging.PythonTarget;
import org.torchplan.packaging.Requirement;
import org.torchplan.packaging.Target;
import org.torchplan.plan.Installer;
import org.torchplan.plan.PlanRequest;
import org.torchplan.plan.Strategy;

/**
 * Checks and parses every field of a plan request, collecting all problems so one 400 answer names them all.
 */
final class PlanRequestParser {

    static final int MAXIMUM_REQUIREMENTS = 64;
    static final int MAXIMUM_REQUIREMENT_LENGTH = 1024;
    /** A large environment has a few hundred distributions; the 64 KiB body bounds it too. */
    static final int MAXIMUM_INSTALLED = 2048;
    /** PEP 508's name rule. */
    private static final Pattern DISTRIBUTION_NAME = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?");
    /** Longer than any valid python tag, version, backend or name; keeps error messages short. */
    private static final int MAXIMUM_FIELD_LENGTH = 64;

    private final List<InvalidField> errors = new ArrayList<>();
    /** The field each parsed requirement came from: invalid ones leave gaps in the list. */
    private final List<String> requirementFields = new ArrayList<>();

    private PlanRequestParser() {
    }

    /** @throws InvalidRequestException naming each bad field */
    static PlanRequest parse(PlanRequestBody body) {
        return new PlanRequestParser().request(body);
    }

    private PlanRequest request(PlanRequestBody body) {
        List<Requirement> requirements = requirements(body.requirements());
        PythonTarget python = required("python", body.python(), PythonTarget::parse);
        OperatingSystem os = null;
        Architecture arch = null;
        Optional<GlibcVersion> glibc = Optional.empty();
        Optional<MacosVersion> macos = Optional.empty();
        if (body.platform() == null) {
            errors.add(new InvalidField("platform", "required: an object with os and arch"));
        } else {
            os = required("platform.os", body.platform().os(), OperatingSystem::parse);
            arch = required("platform.arch", body.platform().arch(), Architecture::parse);
            glibc = Optional.ofNullable(optional("platform.glibc", body.platform().glibc(), GlibcVersion::parse));
            macos = Optional.ofNullable(optional("platform.macos", body.platform().macos(), MacosVersion::parse));
            if (os != null && os != OperatingSystem.LINUX && glibc.isPresent()) {
                errors.add(new InvalidField("platform.glibc", "only meaningful with os linux"));
            }
            if (os != null && os != OperatingSystem.MACOS && macos.isPresent()) {
                errors.add(new InvalidField("platform.macos", "only meaningful with os macos"));
            }
        }
        Optional<Gpu> gpu = gpu(body.gpu());
        Channel channel = orDefault(optional("channel", body.channel(), Channel::parse), Channel.STABLE);
        Optional<ComputeBackend> backend = Optional.ofNullable(optional("backend", body.backend(),
                text -> "auto".equalsIgnoreCase(text) ? null : ComputeBackend.parse(text)));
        Strategy strategy = orDefault(optional("strategy", body.strategy(), Strategy::parse), Strategy.NEWEST_TORCH);
        Installer installer = orDefault(optional("installer", body.installer(), Installer::parse), Installer.PIP);
        List<DistributionMetadata> installed = installed(body.installed());
        Target target = null;
        if (errors.isEmpty()) {
            target = target(python, os, arch, glibc, macos);
        }
        if (target != null) {
            markersEvaluate(requirements, target);
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
        return new PlanRequest(requirements, target, gpu, channel, backend, strategy, installer, installed);
    }

    private List<DistributionMetadata> installed(List<PlanRequestBody.Installed> entries) {
        if (entries == null) {
            return List.of();
        }
        if (entries.size() > MAXIMUM_INSTALLED) {
            errors.add(new InvalidField("installed", entries.size() + " distributions: at most " + MAXIMUM_INSTALLED
                    + " are accepted"));
            return List.of();
        }
        List<DistributionMetadata> installed = new ArrayList<>(entries.size());
        Set<String> names = new HashSet<>();
        for (int index = 0; index < entries.size(); index++) {
            String prefix = "installed[" + index + "]";
            PlanRequestBody.Installed entry = entries.get(index);
            String name = required(prefix + ".name", entry.name(), PlanRequestParser::distributionName);
            Version version = required(prefix + ".version", entry.version(), Version::parse);
            if (name == null || version == null) {
                continue;
            }
            if (!names.add(PackageName.normalize(name))) {
                errors.add(new InvalidField(prefix + ".name", "'" + PrintableText.shorten(name)
                        + "' is listed twice: an interpreter has one version of a distribution"));
                continue;
            }
            installed.add(new DistributionMetadata(name, version, List.of(), Optional.empty(), List.of()));
        }
        return installed;
    }

    /** A distribution name as PEP 508 spells one: nothing but the name. */
    private static String distributionName(String text) {
        if (!DISTRIBUTION_NAME.matcher(text).matches()) {
            throw new IllegalArgumentException("'" + PrintableText.shorten(text) + "' is not a distribution name"
                    + " (letters, digits, and '.', '_' or '-' between them)");
        }
        return text;
    }

    private List<Requirement> requirements(List<String> texts) {
        if (texts == null) {
            errors.add(new InvalidField("requirements", "required: a list of PEP 508 requirements"));
            return List.of();
        }
        if (texts.isEmpty()) {
            errors.add(new InvalidField("requirements", "at least one requirement is needed"));
        }
        if (texts.size() > MAXIMUM_REQUIREMENTS) {
            errors.add(new InvalidField("requirements", texts.size() + " requirements: at most "
                    + MAXIMUM_REQUIREMENTS + " are accepted"));
            return List.of();
        }
        List<Requirement> requirements = new ArrayList<>(texts.size());
        for (int index = 0; index < texts.size(); index++) {
            String field = "requirements[" + index + "]";
            String text = texts.get(index);
            if (text == null) {
                errors.add(new InvalidField(field, "must not be null"));
                continue;
            }
            if (text.length() > MAXIMUM_REQUIREMENT_LENGTH) {
                errors.add(new InvalidField(field, text.length() + " characters: a requirement may have at most "
                        + MAXIMUM_REQUIREMENT_LENGTH));
                continue;
            }
            Requirement requirement = parsed(field, text, Requirement::parse);
            if (requirement == null) {
                continue;
            }
            if (requirement.url().isPresent()) {
                errors.add(new InvalidField(field, "'" + PrintableText.shorten(text)
                        + "' is a direct URL requirement: a plan pins versions from an index and cannot plan it"));
                continue;
            }
            requirements.add(requirement);
            requirementFields.add(field);
        }
        return requirements;
    }

    /**
     * Evaluates each marker for the target, as the planner will: a comparison PEP 508 leaves undefined (such as
     * {@code python_version ~= "3"}, where {@code ~=3} is no version clause) is refused here, naming its field,
     * instead of failing in the middle of the plan. pip refuses those markers too, but only when it evaluates them.
     */
    private void markersEvaluate(List<Requirement> requirements, Target target) {
        MarkerEnvironment environment = target.markerEnvironment();
        for (int index = 0; index < requirements.size(); index++) {
            Optional<Marker> marker = requirements.get(index).marker();
            if (marker.isEmpty()) {
                continue;
            }
            try {
                marker.get().evaluate(environment);
            } catch (IllegalArgumentException | IllegalStateException undefined) {
                errors.add(new InvalidField(requirementFields.get(index), undefined.getMessage() == null
                        ? "the marker cannot be evaluated" : PrintableText.shorten(undefined.getMessage(), 400)));
            }
        }
    }

    private Optional<Gpu> gpu(PlanRequestBody.Gpu body) {
        if (body == null) {
            return Optional.empty();
        }
        String vendor = required("gpu.vendor", body.vendor(), text -> text.toLowerCase(java.util.Locale.ROOT));
        if (vendor == null) {
            return Optional.empty();
        }
        switch (vendor) {
            case "nvidia" -> {
                notFor("gpu.architecture", body.architecture(), "amd");
                DriverVersion driver = required("gpu.driverVersion", body.driverVersion(), DriverVersion::parse);
                ComputeCapability capability =
                        optional("gpu.computeCapability", body.computeCapability(), ComputeCapability::parse);
                return driver == null ? Optional.empty()
                        : Optional.of(new Gpu.Nvidia(driver, Optional.ofNullable(capability)));
            }
            case "amd" -> {
                notFor("gpu.driverVersion", body.driverVersion(), "nvidia");
                notFor("gpu.computeCapability", body.computeCapability(), "nvidia");
                Gpu.Amd amd = required("gpu.architecture", body.architecture(), Gpu.Amd::new);
                return Optional.ofNullable(amd);
            }
            case "intel" -> {
                notFor("gpu.driverVersion", body.driverVersion(), "nvidia");
                notFor("gpu.computeCapability", body.computeCapability(), "nvidia");
                notFor("gpu.architecture", body.architecture(), "amd");
                return Optional.of(new Gpu.Intel());
            }
            default -> {
                errors.add(new InvalidField("gpu.vendor", "unknown vendor '" + PrintableText.shorten(vendor)
                        + "': expected nvidia, amd or intel"));
                return Optional.empty();
            }
        }
    }

    private void notFor(String field, String value, String vendor) {
        if (value != null) {
            errors.add(new InvalidField(field, "only meaningful with vendor " + vendor));
        }
    }

    /** The combination, once each part is valid: some are refused (Windows on s390x). */
    private Target target(
            PythonTarget python, OperatingSystem os, Architecture arch, Optional<GlibcVersion> glibc,
            Optional<MacosVersion> macos) {
        try {
            return new Target(python, os, arch, glibc, macos);
        } catch (IllegalArgumentException invalid) {
            errors.add(new InvalidField("platform", message(invalid)));
            return null;
        }
    }

    private <T> T required(String field, String text, Function<String, T> parser) {
        if (text == null) {
            errors.add(new InvalidField(field, "required"));
            return null;
        }
        return parsed(field, text, parser);
    }

    private <T> T optional(String field, String text, Function<String, T> parser) {
        return text == null ? null : parsed(field, text, parser);
    }

    private <T> T parsed(String field, String text, Function<String, T> parser) {
        int limit = field.startsWith("requirements") ? MAXIMUM_REQUIREMENT_LENGTH : MAXIMUM_FIELD_LENGTH;
        if (text.isBlank()) {
            errors.add(new InvalidField(field, "must not be empty"));
            return null;
        }
        if (text.length() > limit) {
            errors.add(new InvalidField(field, text.length() + " characters: at most " + limit));
            return null;
        }
        Optional<String> problem = PrintableText.problem(text);
        if (problem.isPresent()) {
            errors.add(new InvalidField(field, problem.get()));
            return null;
        }
        try {
            return parser.apply(text);
        } catch (IllegalArgumentException invalid) {
            // every parser's typed error extends IllegalArgumentException and names the input
            errors.add(new InvalidField(field, message(invalid)));
            return null;
        }
    }

    private static String message(IllegalArgumentException invalid) {
        return invalid.getMessage() == null ? "invalid value" : PrintableText.shorten(invalid.getMessage(), 400);
    }

    private static <T> T orDefault(T value, T fallback) {
        return value == null ? fallback : value;
    }
}
