package org.torchplan.system;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/**
 * The documented shape of the service's RFC 9457 problem details; the answers themselves are Spring's
 * {@code ProblemDetail} with these extension members.
 */
@Schema(name = "Problem", description = "RFC 9457 problem details")
public record ProblemSchema(
        String type,
        String title,
        int status,
        String detail,
        String instance,
        @Schema(description = "400: each bad field") List<InvalidField> errors,
        @Schema(description = "422: why each candidate backend has no full set") List<String> reasons,
        @Schema(description = "403: the policy property that forbids the request") String rule) {
}
