package org.torchplan.api;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.torchplan.system.InvalidField;

/**
 * Reads the raw query string before anything decodes it: a parameter without a name, a {@code %} not followed by two
 * hex digits, or bytes that are not UTF-8 (a lone surrogate such as {@code %ED%A0%80}) are a 400 naming the
 * parameter. The servlet container would otherwise fail while a controller asks for its parameters, a 500.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1) // after the request log, so the refusal is logged with its request id
class QueryStringFilter extends OncePerRequestFilter {

    private final HandlerExceptionResolver problems;

    QueryStringFilter(@Qualifier("handlerExceptionResolver") HandlerExceptionResolver problems) {
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<InvalidField> problem = problem(request.getQueryString());
        if (problem.isPresent()) {
            // answered by ProblemDetails, like every other bad request
            if (problems.resolveException(request, response, null,
                    new InvalidRequestException(List.of(problem.get()))) == null) {
                response.sendError(HttpServletResponse.SC_BAD_REQUEST);
            }
            return;
        }
        chain.doFilter(request, response);
    }

    /** What is wrong with a raw (still percent-encoded) query string, or empty when every parameter decodes. */
    static Optional<InvalidField> problem(String query) {
        if (query == null || query.isEmpty()) {
            return Optional.empty();
        }
        for (String parameter : query.split("&", -1)) {
            if (parameter.isEmpty()) {
                continue; // "a=1&&b=2": an empty pair, nothing to read
            }
            int equals = parameter.indexOf('=');
            String rawName = equals < 0 ? parameter : parameter.substring(0, equals);
            String rawValue = equals < 0 ? "" : parameter.substring(equals + 1);
            if (rawName.isEmpty()) {
                return Optional.of(new InvalidField("query", "the parameter '" + PrintableText.shorten(parameter)
                        + "' has no name"));
            }
            Optional<String> name = decode(rawName);
            if (name.isEmpty()) {
                return Optional.of(new InvalidField("query", "the parameter name '" + PrintableText.shorten(rawName)
                        + "' is not percent-encoded UTF-8"));
            }
            if (decode(rawValue).isEmpty()) {
                return Optional.of(new InvalidField(PrintableText.shorten(name.get()), "the value '"
                        + PrintableText.shorten(rawValue) + "' is not percent-encoded UTF-8"));
            }
        }
        return Optional.empty();
    }

    /** {@code application/x-www-form-urlencoded} decoding that refuses what it cannot decode exactly. */
    private static Optional<String> decode(String raw) {
        ByteBuffer bytes = ByteBuffer.allocate(raw.length());
        for (int index = 0; index < raw.length(); index++) {
            char character = raw.charAt(index);
            if (character == '%') {
                if (index + 2 >= raw.length()) {
                    return Optional.empty();
                }
                int high = Character.digit(raw.charAt(index + 1), 16);
                int low = Character.digit(raw.charAt(index + 2), 16);
                if (high < 0 || low < 0) {
                    return Optional.empty();
                }
                bytes.put((byte) (high * 16 + low));
                index += 2;
            } else if (character == '+') {
                bytes.put((byte) ' ');
            } else if (character > 0xff) {
                return Optional.empty();
            } else {
                bytes.put((byte) character);
            }
        }
        bytes.flip();
        try {
            return Optional.of(StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(bytes)
                    .toString());
        } catch (CharacterCodingException notUtf8) {
            return Optional.empty();
        }
    }
}
