package org.torchplan.packaging;

import java.util.ArrayList;
import java.util.List;

/**
 * Recursive-descent parser for the PEP 508 marker grammar:
 * <pre>
 *   marker     = and ('or' and)*
 *   and        = expression ('and' expression)*
 *   expression = '(' marker ')' | operand operator operand
 *   operator   = '===' | '==' | '!=' | '~=' | '<=' | '>=' | '<' | '>' | 'in' | 'not' 'in'
 *   operand    = variable | "string" | 'string'
 * </pre>
 */
final class MarkerParser {

    /** Markers are short; the caps keep hostile input from costing more than a trivial amount of work. */
    private static final int MAX_LENGTH = 4096;
    private static final int MAX_NESTING = 32;
    private static final String[] COMPARISON_OPERATORS = {"===", "==", "!=", "~=", "<=", ">=", "<", ">"};

    private final String text;
    private int position;
    private int nesting;

    private MarkerParser(String text) {
        this.text = text;
    }

    static Marker.Node parse(String text) {
        if (text == null) {
            throw new InvalidMarkerException(null, "no marker given");
        }
        if (text.length() > MAX_LENGTH) {
            throw new InvalidMarkerException(text, "longer than " + MAX_LENGTH + " characters");
        }
        MarkerParser parser = new MarkerParser(text);
        Marker.Node root = parser.parseOr();
        parser.skipWhitespace();
        if (parser.position != text.length()) {
            throw parser.error("unexpected '" + text.substring(parser.position) + "'");
        }
        return root;
    }

    private Marker.Node parseOr() {
        List<Marker.Node> alternatives = new ArrayList<>();
        alternatives.add(parseAnd());
        while (acceptKeyword("or")) {
            alternatives.add(parseAnd());
        }
        return alternatives.size() == 1 ? alternatives.get(0) : new Marker.Or(List.copyOf(alternatives));
    }

    private Marker.Node parseAnd() {
        List<Marker.Node> conditions = new ArrayList<>();
        conditions.add(parseExpression());
        while (acceptKeyword("and")) {
            conditions.add(parseExpression());
        }
        return conditions.size() == 1 ? conditions.get(0) : new Marker.And(flattenAnd(conditions));
    }

    /** {@code a and (b and c)} is kept as one conjunction so that printing needs no parentheses. */
    private static List<Marker.Node> flattenAnd(List<Marker.Node> conditions) {
        List<Marker.Node> flat = new ArrayList<>();
        for (Marker.Node condition : conditions) {
            if (condition instanceof Marker.And and) {
                flat.addAll(and.conditions());
            } else {
                flat.add(condition);
            }
        }
        return List.copyOf(flat);
    }

    private Marker.Node parseExpression() {
        skipWhitespace();
        if (position < text.length() && text.charAt(position) == '(') {
            if (++nesting > MAX_NESTING) {
                throw error("parentheses nested deeper than " + MAX_NESTING);
            }
            position++;
            Marker.Node inner = parseOr();
            skipWhitespace();
            if (position >= text.length() || text.charAt(position) != ')') {
                throw error("missing ')'");
            }
            position++;
            nesting--;
            return inner;
        }
        Marker.Operand left = parseOperand();
        String operator = parseOperator();
        Marker.Operand right = parseOperand();
        return new Marker.Comparison(left, operator, right);
    }

    private Marker.Operand parseOperand() {
        skipWhitespace();
        if (position >= text.length()) {
            throw error("expected a variable or a quoted string at the end");
        }
        char first = text.charAt(position);
        if (first == '"' || first == '\'') {
            int end = text.indexOf(first, position + 1);
            if (end < 0) {
                throw error("unterminated string");
            }
            String literal = text.substring(position + 1, end);
            position = end + 1;
            return new Marker.Operand(null, literal);
        }
        String word = readWord();
        String variable = word.isEmpty() ? null : MarkerEnvironment.canonicalVariable(word);
        if (variable == null) {
            throw error(word.isEmpty() ? "expected a variable or a quoted string at position " + position
                    : "unknown marker variable '" + word + "'");
        }
        return new Marker.Operand(variable, null);
    }

    private String parseOperator() {
        skipWhitespace();
        for (String operator : COMPARISON_OPERATORS) {
            if (text.startsWith(operator, position)) {
                position += operator.length();
                return operator;
            }
        }
        if (acceptKeyword("in")) {
            return "in";
        }
        if (acceptKeyword("not")) {
            if (acceptKeyword("in")) {
                return "not in";
            }
            throw error("expected 'in' after 'not'");
        }
        throw error("expected a comparison operator at position " + position);
    }

    /** Consumes {@code keyword} when it is the next word (not a prefix of a longer word). */
    private boolean acceptKeyword(String keyword) {
        skipWhitespace();
        int end = position + keyword.length();
        if (text.startsWith(keyword, position) && (end == text.length() || !isWordCharacter(text.charAt(end)))) {
            position = end;
            return true;
        }
        return false;
    }

    private String readWord() {
        int start = position;
        while (position < text.length() && isWordCharacter(text.charAt(position))) {
            position++;
        }
        return text.substring(start, position);
    }

    private static boolean isWordCharacter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '.';
    }

    private void skipWhitespace() {
        while (position < text.length() && (text.charAt(position) == ' ' || text.charAt(position) == '\t')) {
            position++;
        }
    }

    private InvalidMarkerException error(String reason) {
        return new InvalidMarkerException(text, reason);
    }
}
