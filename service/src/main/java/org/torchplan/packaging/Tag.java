package org.torchplan.packaging;

import java.util.Locale;
import java.util.Objects;

/**
 * One PEP 425 compatibility tag: interpreter ({@code cp312}, {@code py3}), ABI ({@code cp312}, {@code cp313t},
 * {@code abi3}, {@code none}) and platform ({@code manylinux_2_28_x86_64}, {@code win_amd64}, {@code any}).
 * Components are held in lower case, as installers compare them.
 */
public record Tag(String interpreter, String abi, String platform) {

    public Tag {
        interpreter = Objects.requireNonNull(interpreter, "interpreter").toLowerCase(Locale.ROOT);
        abi = Objects.requireNonNull(abi, "abi").toLowerCase(Locale.ROOT);
        platform = Objects.requireNonNull(platform, "platform").toLowerCase(Locale.ROOT);
    }

    /**
     * Parses {@code interpreter-abi-platform}, one tag, not a compressed set.
     *
     * @throws InvalidTagException naming the input
     */
    public static Tag parse(String text) {
        if (text == null) {
            throw new InvalidTagException(null, "no tag given");
        }
        String[] parts = text.split("-", -1);
        if (parts.length != 3) {
            throw new InvalidTagException(text, "expected interpreter-abi-platform");
        }
        for (String part : parts) {
            if (!isTagComponent(part)) {
                throw new InvalidTagException(text, "tag components are letters, digits and '_'");
            }
        }
        return new Tag(parts[0], parts[1], parts[2]);
    }

    /** A single tag component: ASCII letters, digits and underscores, as wheel file names spell them. */
    static boolean isTagComponent(String component) {
        if (component.isEmpty()) {
            return false;
        }
        for (int i = 0; i < component.length(); i++) {
            char c = component.charAt(i);
            boolean allowed = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
            if (!allowed) {
                return false;
            }
        }
        return true;
    }

    // Written out rather than left to the record's generated methods: tags are hashed on the planner's hot path,
    // and plain code is fast from the first call instead of after the JIT has folded the generic bootstrap.
    @Override
    public boolean equals(Object other) {
        return this == other || other instanceof Tag tag && platform.equals(tag.platform) && abi.equals(tag.abi)
                && interpreter.equals(tag.interpreter);
    }

    @Override
    public int hashCode() {
        return (interpreter.hashCode() * 31 + abi.hashCode()) * 31 + platform.hashCode();
    }

    @Override
    public String toString() {
        return interpreter + "-" + abi + "-" + platform;
    }
}
