package org.torchplan.client.run;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One requirement as the user wrote it, with where it came from and the {@code --hash} values given with it.
 *
 * @param text   the PEP 508 requirement, without its per-requirement options
 * @param origin where it was written: {@code requirements.txt:3}, or {@code argument 2} on the command line
 * @param hashes the {@code --hash} values ({@code sha256:...}) that followed it, in order
 */
public record RequirementLine(String text, String origin, List<String> hashes) {

    private static final Pattern NAME = Pattern.compile("\\s*([A-Za-z0-9][A-Za-z0-9._-]*)");
    private static final Pattern NAME_SEPARATORS = Pattern.compile("[-_.]+");

    public RequirementLine {
        hashes = List.copyOf(hashes);
    }

    /** The project name as pip compares names (PEP 503: lower case, runs of {@code -_.} as one {@code -}). */
    public String normalizedName() {
        return normalizedName(text);
    }

    /** The normalized project name a requirement starts with, or "" when it starts with none. */
    public static String normalizedName(String requirement) {
        Matcher matcher = NAME.matcher(requirement);
        return matcher.lookingAt()
                ? NAME_SEPARATORS.matcher(matcher.group(1)).replaceAll("-").toLowerCase(Locale.ROOT) : "";
    }

    /** The line as pip reads it in a requirements file: the requirement, then its hashes. */
    public String asFileLine() {
        StringBuilder line = new StringBuilder(text);
        hashes.forEach(hash -> line.append(" --hash=").append(hash));
        return line.toString();
    }
}
