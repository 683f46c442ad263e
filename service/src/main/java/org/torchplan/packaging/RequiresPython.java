package org.torchplan.packaging;

/**
 * A file's {@code Requires-Python} (PEP 345; {@code data-requires-python} in PEP 503 pages, {@code requires-python}
 * in PEP 691 JSON) judged against a target interpreter, as pip's {@code check_requires_python} does: the target's
 * version padded to three parts ({@code 3.12} is {@code 3.12.0}, pip's {@code normalize_version_info}), pre-releases
 * admitted. A value that does not parse constrains nothing: pip logs it and installs the file anyway.
 */
public final class RequiresPython {

    private RequiresPython() {}

    /** Whether {@code requiresPython} (null or blank: no constraint) admits {@code python}. */
    public static boolean admits(String requiresPython, PythonTarget python) {
        if (requiresPython == null || requiresPython.isBlank()) {
            return true;
        }
        SpecifierSet specifiers;
        try {
            specifiers = SpecifierSet.parse(requiresPython);
        } catch (PackagingParseException unparseable) {
            return true;
        }
        return specifiers.contains(python.fullVersion(), true);
    }

    /** Whether {@code requiresPython} is present but does not parse (and so, as pip does, is ignored). */
    public static boolean isUnparseable(String requiresPython) {
        if (requiresPython == null || requiresPython.isBlank()) {
            return false;
        }
        try {
            SpecifierSet.parse(requiresPython);
            return false;
        } catch (PackagingParseException unparseable) {
            return true;
        }
    }
}
