package org.torchplan.packaging;

import java.util.Objects;
import java.util.Optional;

/**
 * The values PEP 508 environment markers are evaluated against, as the target interpreter would report
 * them. {@code extra} is the extra being installed (empty when none), so {@code extra == "cuda"} can be
 * evaluated per extra.
 */
public record MarkerEnvironment(
        String implementationName,
        String implementationVersion,
        String osName,
        String platformMachine,
        String platformRelease,
        String platformSystem,
        String platformVersion,
        String pythonFullVersion,
        String platformPythonImplementation,
        String pythonVersion,
        String sysPlatform,
        String extra) {

    public MarkerEnvironment {
        Objects.requireNonNull(implementationName, "implementationName");
        Objects.requireNonNull(implementationVersion, "implementationVersion");
        Objects.requireNonNull(osName, "osName");
        Objects.requireNonNull(platformMachine, "platformMachine");
        Objects.requireNonNull(platformRelease, "platformRelease");
        Objects.requireNonNull(platformSystem, "platformSystem");
        Objects.requireNonNull(platformVersion, "platformVersion");
        Objects.requireNonNull(pythonFullVersion, "pythonFullVersion");
        Objects.requireNonNull(platformPythonImplementation, "platformPythonImplementation");
        Objects.requireNonNull(pythonVersion, "pythonVersion");
        Objects.requireNonNull(sysPlatform, "sysPlatform");
        extra = extra == null ? "" : extra;
    }

    /** The same environment while installing {@code extra} (empty for none). */
    public MarkerEnvironment withExtra(String extra) {
        return new MarkerEnvironment(implementationName, implementationVersion, osName, platformMachine,
                platformRelease, platformSystem, platformVersion, pythonFullVersion, platformPythonImplementation,
                pythonVersion, sysPlatform, extra);
    }

    /**
     * The value of a marker variable, accepting the legacy dotted spellings ({@code os.name},
     * {@code sys.platform}, {@code platform.machine}, ...) that PEP 508 keeps for compatibility.
     */
    public Optional<String> value(String variable) {
        String canonical = canonicalVariable(variable);
        if (canonical == null) {
            return Optional.empty();
        }
        switch (canonical) {
            case "implementation_name":
                return Optional.of(implementationName);
            case "implementation_version":
                return Optional.of(implementationVersion);
            case "os_name":
                return Optional.of(osName);
            case "platform_machine":
                return Optional.of(platformMachine);
            case "platform_release":
                return Optional.of(platformRelease);
            case "platform_system":
                return Optional.of(platformSystem);
            case "platform_version":
                return Optional.of(platformVersion);
            case "python_full_version":
                return Optional.of(pythonFullVersion);
            case "platform_python_implementation":
                return Optional.of(platformPythonImplementation);
            case "python_version":
                return Optional.of(pythonVersion);
            case "sys_platform":
                return Optional.of(sysPlatform);
            case "extra":
                return Optional.of(extra);
            default:
                return Optional.empty();
        }
    }

    /** The PEP 508 name of a marker variable, or null when {@code variable} is none. */
    static String canonicalVariable(String variable) {
        switch (variable) {
            case "implementation_name", "implementation_version", "os_name", "platform_machine", "platform_release",
                    "platform_system", "platform_version", "python_full_version", "platform_python_implementation",
                    "python_version", "sys_platform", "extra":
                return variable;
            case "os.name":
                return "os_name";
            case "sys.platform":
                return "sys_platform";
            case "platform.version":
                return "platform_version";
            case "platform.machine":
                return "platform_machine";
            case "platform.python_implementation", "python_implementation":
                return "platform_python_implementation";
            default:
                return null;
        }
    }
}
