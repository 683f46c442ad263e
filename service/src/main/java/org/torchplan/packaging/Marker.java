package org.torchplan.packaging;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A PEP 508 environment marker such as {@code python_version >= "3.10" and (sys_platform == "linux" or
 * platform_machine == "x86_64")}, parsed once and evaluated against any {@link MarkerEnvironment}.
 *
 * <p>Comparisons follow PEP 508: when the operator is a version operator and both sides parse as PEP 440
 * versions they compare as versions (pre-releases admitted, as pip does for markers), otherwise as strings;
 * {@code in} / {@code not in} test substrings; {@code extra} values are compared PEP 503 normalized.
 */
public final class Marker {

    private final Node root;

    private Marker(Node root) {
        this.root = root;
    }

    /**
     * Parses a marker expression (the part after {@code ;} in a requirement).
     *
     * @throws InvalidMarkerException naming the input
     */
    public static Marker parse(String text) {
        return new Marker(MarkerParser.parse(text));
    }

    /**
     * Evaluates the marker.
     *
     * @throws InvalidMarkerException when a comparison is undefined for the values at hand (pip refuses those too),
     *     for example {@code ~=} between strings that are not versions
     */
    public boolean evaluate(MarkerEnvironment environment) {
        return root.evaluate(environment);
    }

    /** Whether the marker mentions {@code extra}, i.e. only applies when some extra is being installed. */
    public boolean mentionsExtra() {
        return root.mentionsExtra();
    }

    @Override
    public boolean equals(Object other) {
        return this == other || other instanceof Marker marker && root.equals(marker.root);
    }

    @Override
    public int hashCode() {
        return root.hashCode();
    }

    /** The normalized expression: canonical variable names, double quotes, parentheses only where needed. */
    @Override
    public String toString() {
        return root.toString();
    }

    /** A parsed marker expression. */
    sealed interface Node permits Or, And, Comparison {

        boolean evaluate(MarkerEnvironment environment);

        boolean mentionsExtra();
    }

    record Or(List<Node> alternatives) implements Node {

        @Override
        public boolean evaluate(MarkerEnvironment environment) {
            for (Node alternative : alternatives) {
                if (alternative.evaluate(environment)) {
                    return true;
                }
            }
            return false;
        }

        @Override
        public boolean mentionsExtra() {
            return alternatives.stream().anyMatch(Node::mentionsExtra);
        }

        @Override
        public String toString() {
            return alternatives.stream().map(Node::toString).collect(Collectors.joining(" or "));
        }
    }

    record And(List<Node> conditions) implements Node {

        @Override
        public boolean evaluate(MarkerEnvironment environment) {
            for (Node condition : conditions) {
                if (!condition.evaluate(environment)) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public boolean mentionsExtra() {
            return conditions.stream().anyMatch(Node::mentionsExtra);
        }

        @Override
        public String toString() {
            return conditions.stream()
                    .map(condition -> condition instanceof Or ? "(" + condition + ")" : condition.toString())
                    .collect(Collectors.joining(" and "));
        }
    }

    /** One side of a comparison: a marker variable (by its PEP 508 name) or a quoted string. */
    record Operand(String variable, String literal) {

        String resolve(MarkerEnvironment environment) {
            if (variable == null) {
                return literal;
            }
            return environment.value(variable).orElseThrow(
                    () -> new IllegalStateException("unknown marker variable " + variable));
        }

        @Override
        public String toString() {
            if (variable != null) {
                return variable;
            }
            return literal.contains("\"") ? "'" + literal + "'" : "\"" + literal + "\"";
        }
    }

    record Comparison(Operand left, String operator, Operand right) implements Node {

        @Override
        public boolean evaluate(MarkerEnvironment environment) {
            String leftValue = left.resolve(environment);
            String rightValue = right.resolve(environment);
            if (mentionsExtra()) {
                leftValue = PackageName.normalize(leftValue);
                rightValue = PackageName.normalize(rightValue);
            }
            switch (operator) {
                case "in":
                    return rightValue.contains(leftValue);
                case "not in":
                    return !rightValue.contains(leftValue);
                default:
                    return compare(leftValue, rightValue);
            }
        }

        private boolean compare(String leftValue, String rightValue) {
            if (operator.equals("===")) {
                return leftValue.equalsIgnoreCase(rightValue);
            }
            Specifier specifier = Version.isValid(leftValue) ? versionClause(rightValue) : null;
            if (specifier != null) {
                return specifier.matches(Version.parse(leftValue));
            }
            int order = leftValue.compareTo(rightValue);
            switch (operator) {
                case "==":
                    return order == 0;
                case "!=":
                    return order != 0;
                case "<":
                    return order < 0;
                case "<=":
                    return order <= 0;
                case ">":
                    return order > 0;
                case ">=":
                    return order >= 0;
                default:
                    throw new InvalidMarkerException(toString(), "'" + operator + "' cannot compare '" + leftValue
                            + "' with '" + rightValue + "': they are not both versions");
            }
        }

        /** {@code operator + value} as a PEP 440 clause, or null when {@code value} is no version for it. */
        private Specifier versionClause(String value) {
            try {
                return Specifier.parse(operator + value);
            } catch (InvalidSpecifierException notAVersion) {
                return null;
            }
        }

        @Override
        public boolean mentionsExtra() {
            return "extra".equals(left.variable()) || "extra".equals(right.variable());
        }

        @Override
        public String toString() {
            return left + " " + operator + " " + right;
        }
    }
}
