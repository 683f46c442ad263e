package org.torchplan.api;

import java.util.List;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;

/** The renderings of a plan, chosen by {@code ?format=} or else by the {@code Accept} header. */
enum RenderingFormat {
    JSON("json", MediaType.APPLICATION_JSON),
    SHELL("sh", new MediaType("text", "x-shellscript")),
    REQUIREMENTS("requirements", new MediaType("text", "plain", java.nio.charset.StandardCharsets.UTF_8));

    static final MediaType SHELL_SCRIPT = new MediaType("text", "x-shellscript");
    static final String SHELL_SCRIPT_VALUE = "text/x-shellscript";

    private final String id;
    private final MediaType mediaType;

    RenderingFormat(String id, MediaType mediaType) {
        this.id = id;
        this.mediaType = mediaType;
    }

    MediaType mediaType() {
        return mediaType;
    }

    /** The value of the {@code format} query parameter that asks for this rendering. */
    String id() {
        return id;
    }

    /**
     * @param format the {@code format} query parameter, or null
     * @param accept the {@code Accept} header, or null
     * @throws InvalidRequestException for an unknown format
     */
    static RenderingFormat choose(String format, String accept) {
        if (format != null) {
            for (RenderingFormat candidate : values()) {
                if (candidate.id.equals(format)) {
                    return candidate;
                }
            }
            throw InvalidRequestException.of("format", "unknown format '" + PrintableText.shorten(format)
                    + "': expected json, sh or requirements");
        }
        return prefersShellScript(accept) ? SHELL : JSON;
    }

    /** Whether the caller ranks a shell script above JSON; wildcards count for JSON, the default rendering. */
    private static boolean prefersShellScript(String accept) {
        if (accept == null || !accept.contains(SHELL_SCRIPT_VALUE)) {
            return false;
        }
        List<MediaType> accepted;
        try {
            accepted = MediaType.parseMediaTypes(accept);
        } catch (InvalidMediaTypeException invalid) {
            return false;
        }
        double shell = 0;
        double json = 0;
        for (MediaType type : accepted) {
            if (SHELL_SCRIPT.equalsTypeAndSubtype(type)) {
                shell = Math.max(shell, type.getQualityValue());
            } else if (type.includes(MediaType.APPLICATION_JSON)) {
                json = Math.max(json, type.getQualityValue());
            }
        }
        return shell > 0 && shell >= json;
    }
}
