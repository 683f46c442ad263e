package org.torchplan.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /plan}: reads the request, answers it through {@link PlanAnswers}, and answers {@code If-None-Match} with 304.
 * The entity tag validates the representation sent (the bytes of one rendering), for POST as for GET: POST /plan
 * is a safe query, so a matching tag gets 304 Not Modified rather than the 412 RFC 9110 prescribes for methods that
 * change state.
 */
@RestController
@Tag(name = "plan", description = "Install plans")
class PlanController {

    /** Bodies are a few hundred bytes; 64 KiB leaves room for 64 requirements of 1 KiB without inviting abuse. */
    static final int BODY_LIMIT_BYTES = 64 * 1024;

    private static final Set<String> QUERY_PARAMETERS = Set.of("requirement", "python", "os", "arch", "glibc",
            "macos", "vendor", "driver", "computeCapability", "architecture", "channel", "backend", "strategy",
            "installer", "format");

    private static final String IF_NONE_MATCH = "entity tags of plans the caller holds; a match is answered 304";

    private final PlanAnswers answers;
    private final WarmupGate warmup;

    PlanController(PlanAnswers answers, WarmupGate warmup) {
        this.answers = answers;
        this.warmup = warmup;
    }

    @PostMapping(path = "/plan", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = {MediaType.APPLICATION_JSON_VALUE, RenderingFormat.SHELL_SCRIPT_VALUE,
                    MediaType.TEXT_PLAIN_VALUE})
    @Operation(summary = "Plan the install of PyTorch packages for a machine",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
                    content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
                            schema = @Schema(implementation = PlanRequestBody.class),
                            examples = {
                                @ExampleObject(name = "linux-nvidia", summary = "Linux, NVIDIA driver 570, cp312",
                                        value = PlanRequestExamples.LINUX_NVIDIA),
                                @ExampleObject(name = "linux-cpu", summary = "Linux without a GPU",
                                        value = PlanRequestExamples.LINUX_CPU),
                                @ExampleObject(name = "linux-amd", summary = "Linux, AMD GPU gfx90a (ROCm)",
                                        value = PlanRequestExamples.LINUX_AMD),
                                @ExampleObject(name = "linux-intel", summary = "Linux, Intel GPU (XPU)",
                                        value = PlanRequestExamples.LINUX_INTEL),
                                @ExampleObject(name = "windows-nvidia-uv",
                                        summary = "Windows, NVIDIA driver 572, newest backend, uv",
                                        value = PlanRequestExamples.WINDOWS_NVIDIA_UV),
                                @ExampleObject(name = "macos", summary = "macOS 14 on Apple silicon",
                                        value = PlanRequestExamples.MACOS)
                            })))
    @PlanResponses
    ResponseEntity<Object> post(
            HttpServletRequest http,
            @Parameter(description = "json (default), sh or requirements",
                    schema = @Schema(allowableValues = {"json", "sh", "requirements"}))
            @RequestParam(required = false) String format,
            @Parameter(hidden = true) @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept,
            @Parameter(description = IF_NONE_MATCH) @RequestHeader(value = HttpHeaders.IF_NONE_MATCH, required = false)
            String ifNoneMatch) {
        RenderingFormat rendering = RenderingFormat.choose(format, accept);
        byte[] body = body(http);
        if (warmup.isWarmup(http)) {
            return respond(answers.answerWarmup(body, rendering), ifNoneMatch); // not in the memo, not counted
        }
        return respond(answers.answer(body, rendering), ifNoneMatch);
    }

    @GetMapping(path = "/plan",
            produces = {MediaType.APPLICATION_JSON_VALUE, RenderingFormat.SHELL_SCRIPT_VALUE,
                    MediaType.TEXT_PLAIN_VALUE})
    @Operation(summary = "Plan from query parameters, for quick curl use; the same plan as POST /plan")
    @PlanResponses
    ResponseEntity<Object> get(
            @Parameter(description = "a PEP 508 requirement; repeat for several", required = true)
            @RequestParam(name = "requirement", required = false) List<String> requirementForDocumentation,
            @Parameter(required = true, example = "cp312") @RequestParam(required = false) String python,
            @Parameter(required = true, example = "linux",
                    schema = @Schema(allowableValues = {"linux", "windows", "macos"}))
            @RequestParam(required = false) String os,
            @Parameter(required = true, example = "x86_64") @RequestParam(required = false) String arch,
            @RequestParam(required = false) String glibc,
            @RequestParam(required = false) String macos,
            @Parameter(description = "nvidia, amd or intel; implied by driver (nvidia) or architecture (amd)",
                    schema = @Schema(allowableValues = {"nvidia", "amd", "intel"}))
            @RequestParam(required = false) String vendor,
            @Parameter(description = "NVIDIA driver version", example = "570.86.10")
            @RequestParam(required = false) String driver,
            @RequestParam(required = false) String computeCapability,
            @Parameter(description = "AMD GPU architecture", example = "gfx90a")
            @RequestParam(required = false) String architecture,
            @Parameter(schema = @Schema(allowableValues = {"stable", "test", "nightly"}))
            @RequestParam(required = false) String channel,
            @RequestParam(required = false) String backend,
            @Parameter(schema = @Schema(allowableValues = {"newest-torch", "newest-backend"}))
            @RequestParam(required = false) String strategy,
            @Parameter(schema = @Schema(allowableValues = {"pip", "uv"}))
            @RequestParam(required = false) String installer,
            @Parameter(description = "json (default), sh or requirements",
                    schema = @Schema(allowableValues = {"json", "sh", "requirements"}))
            @RequestParam(required = false) String format,
            @Parameter(hidden = true) @RequestParam MultiValueMap<String, String> all,
            @Parameter(hidden = true) @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept,
            @Parameter(description = IF_NONE_MATCH) @RequestHeader(value = HttpHeaders.IF_NONE_MATCH, required = false)
            String ifNoneMatch) {
        for (String name : all.keySet()) {
            if (!QUERY_PARAMETERS.contains(name)) {
                throw InvalidRequestException.of(PrintableText.shorten(name),
                        "unknown query parameter; expected one of " + QUERY_PARAMETERS.stream().sorted().toList());
            }
        }
        RenderingFormat rendering = RenderingFormat.choose(format, accept);
        String gpuVendor = vendor != null ? vendor
                : driver != null || computeCapability != null ? "nvidia"
                : architecture != null ? "amd" : null;
        PlanRequestBody.Gpu gpu = gpuVendor == null ? null
                : new PlanRequestBody.Gpu(gpuVendor, driver, computeCapability, architecture);
        PlanRequestBody.Platform platform = os == null && arch == null && glibc == null && macos == null ? null
                : new PlanRequestBody.Platform(os, arch, glibc, macos);
        // the requirements come from the raw parameters: binding to a List splits one value at its commas,
        // which would cut "torch>=2.4,<2.10" in two
        PlanRequestBody body = new PlanRequestBody(all.get("requirement"), python, platform, gpu, channel, backend,
                strategy, installer);
        return respond(answers.answer(body, rendering), ifNoneMatch);
    }

    /** The plan, or 304 when the caller holds it already; either way its tag, and Vary: the rendering follows Accept. */
    private static ResponseEntity<Object> respond(RenderedPlan plan, String ifNoneMatch) {
        if (EntityTags.matches(ifNoneMatch, plan.entityTag())) {
            return ResponseEntity.status(HttpStatus.NOT_MODIFIED).eTag(plan.entityTag()).varyBy(HttpHeaders.ACCEPT)
                    .build();
        }
        return ResponseEntity.ok().contentType(plan.contentType()).eTag(plan.entityTag()).varyBy(HttpHeaders.ACCEPT)
                .body(plan.body());
    }

    /**
     * A body of declared length, read into one array of that length rather than in chunks of the largest size
     * allowed (the container ends the stream at the declared length); a stream that ends sooner gives what it had.
     */
    private static byte[] readDeclared(InputStream input, int declared) throws IOException {
        byte[] bytes = new byte[declared];
        int read = input.readNBytes(bytes, 0, declared);
        return read < declared ? Arrays.copyOf(bytes, read) : bytes;
    }

    /** The body, read up to the limit whatever the transfer encoding: a chunked body has no length to check first. */
    private static byte[] body(HttpServletRequest http) {
        if (http.getContentLengthLong() > BODY_LIMIT_BYTES) {
            throw new RequestTooLargeException(BODY_LIMIT_BYTES);
        }
        try (InputStream input = http.getInputStream()) {
            int declared = (int) http.getContentLengthLong(); // at most the limit (above); -1 when not declared
            byte[] bytes = declared >= 0 ? readDeclared(input, declared) : input.readNBytes(BODY_LIMIT_BYTES + 1);
            if (bytes.length > BODY_LIMIT_BYTES) {
                throw new RequestTooLargeException(BODY_LIMIT_BYTES);
            }
            return bytes;
        } catch (IOException unreadable) {
            throw InvalidRequestException.of("body", "the request body could not be read");
        }
    }
}
