package org.torchplan.api;

import org.torchplan.system.ProblemSchema;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

/** The documented answers of both {@code /plan} operations. */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@ApiResponse(responseCode = "200", description = "The plan, as JSON, a POSIX sh script or a requirements file",
        headers = @Header(name = HttpHeaders.ETAG, description = "strong entity tag of the body",
                schema = @Schema(type = "string")),
        content = {
            @Content(mediaType = MediaType.APPLICATION_JSON_VALUE, schema = @Schema(implementation = PlanResponse.class)),
            @Content(mediaType = RenderingFormat.SHELL_SCRIPT_VALUE, schema = @Schema(type = "string")),
            @Content(mediaType = MediaType.TEXT_PLAIN_VALUE, schema = @Schema(type = "string"))
        })
@ApiResponse(responseCode = "304", description = "The plan named in If-None-Match is the answer still; no body",
        headers = @Header(name = HttpHeaders.ETAG, schema = @Schema(type = "string")), content = @Content)
@ApiResponse(responseCode = "400", description = "Bad input; errors names each bad field",
        content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                schema = @Schema(implementation = ProblemSchema.class)))
@ApiResponse(responseCode = "403", description = "The fleet policy forbids the explicit backend or channel",
        content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                schema = @Schema(implementation = ProblemSchema.class)))
@ApiResponse(responseCode = "413", description = "The body is over 64 KiB",
        content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                schema = @Schema(implementation = ProblemSchema.class)))
@ApiResponse(responseCode = "422", description = "Nothing satisfies the request; reasons gives one per candidate backend",
        content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                schema = @Schema(implementation = ProblemSchema.class)))
@ApiResponse(responseCode = "503", description = "A channel loaded on demand (nightly, test) could not be read within"
        + " torchplan.catalog.upstream.request-budget; detail names the index and the cause; Retry-After is set",
        content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                schema = @Schema(implementation = ProblemSchema.class)))
@interface PlanResponses {
}
