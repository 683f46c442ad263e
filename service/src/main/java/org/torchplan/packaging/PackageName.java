package org.torchplan.packaging;

import java.util.Locale;
import java.util.regex.Pattern;

/** Project names as PEP 503 compares them. */
public final class PackageName {

    private static final Pattern SEPARATOR_RUN = Pattern.compile("[-_.]+");

    private PackageName() {
    }

    /**
     * The PEP 503 normalized form: lower case, every run of {@code -}, {@code _} and {@code .} replaced by a
     * single {@code -}. {@code Torch_Vision}, {@code torch.vision} and {@code torch--vision} all give
     * {@code torch-vision}.
     */
    public static String normalize(String name) {
        if (isNormalized(name)) {
            // the catalog and the planner look names up on every plan, almost always already normalized
            return name;
        }
        return SEPARATOR_RUN.matcher(name).replaceAll("-").toLowerCase(Locale.ROOT);
    }

    private static boolean isNormalized(String name) {
        char previous = 0;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean plain = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (c == '-' && previous != '-');
            if (!plain) {
                return false;
            }
            previous = c;
        }
        return true;
    }
}
