package org.torchplan.catalog;

import org.torchplan.system.ProblemSchema;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.torchplan.catalog.live.CatalogService;
import org.torchplan.catalog.model.Channel;

/**
 * {@code POST /admin/catalog/refresh}: refresh the stable channel now, for operators holding the admin token; answers
 * what {@code GET /catalog} shows after it. {@code ?accept-shrink=true} takes shrunken pages the loss guard refused.
 */
@RestController
@Tag(name = "admin", description = "Operations; disabled unless torchplan.admin.token is set")
class AdminController {

    private final CatalogService catalog;
    private final AdminProperties admin;

    AdminController(CatalogService catalog, AdminProperties admin) {
        this.catalog = catalog;
        this.admin = admin;
    }

    @PostMapping(path = "/admin/catalog/refresh", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Refresh the stable channel from upstream now and answer the catalog summary after it")
    @ApiResponse(responseCode = "200", description = "Refreshed; entries whose refresh failed are marked stale")
    @ApiResponse(responseCode = "401", description = "No bearer token",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                    schema = @Schema(implementation = ProblemSchema.class)))
    @ApiResponse(responseCode = "403", description = "Wrong bearer token",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                    schema = @Schema(implementation = ProblemSchema.class)))
    @ApiResponse(responseCode = "404", description = "Admin endpoints disabled (no torchplan.admin.token)",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                    schema = @Schema(implementation = ProblemSchema.class)))
    CatalogSummary refresh(
            @Parameter(hidden = true) @RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false)
            String authorization,
            @Parameter(description = "take pages that list far fewer wheels than the copy they replace (a real"
                    + " removal upstream), which the loss guard otherwise refuses until seen on 3 refreshes in a row")
            @RequestParam(name = "accept-shrink", defaultValue = "false") boolean acceptShrink) {
        AdminTokenCheck.require(admin, authorization);
        catalog.refreshChannel(Channel.STABLE, acceptShrink);
        return CatalogSummary.of(catalog);
    }
}
