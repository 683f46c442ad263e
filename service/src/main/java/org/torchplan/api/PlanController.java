package org.torchplan.api;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.torchplan.catalog.model.CatalogAge;
import org.torchplan.catalog.CatalogProperties;
import org.torchplan.catalog.model.CatalogSource;
import org.torchplan.catalog.model.CatalogStatus;
import org.torchplan.catalog.model.Channel;
import org.torchplan.plan.PlanRequest;
import org.torchplan.plan.UnsatisfiableRequestException;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Set;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.torchplan.catalog.index.UpstreamUnavailableException;
import org.torchplan.catalog.live.CatalogService;
import org.torchplan.catalog.model.CatalogSnapshot;
import org.torchplan.packaging.Requirement;
import org.torchplan.plan.LockedPackage;
import org.torchplan.plan.PlanResult;
import org.torchplan.plan.Planner;
import org.torchplan.pypi.PypiProjects;
import org.torchplan.plan.RequirementsFileRendering;
import org.torchplan.plan.ShellScriptRendering;
import org.torchplan.policy.FleetPolicy;

/** {@code /plan}: parse, plan, render. Everything else lives in the parser, the planner and the renderings. */
@RestController
@Tag(name = "plan", description = "Install plans")
class PlanController {

    /** Bodies are a few hundred bytes; 64 KiB leaves room for 64 requirements of 1 KiB without inviting abuse. */
    static final int BODY_LIMIT_BYTES = 64 * 1024;

    private static final Set<String> QUERY_PARAMETERS = Set.of("requirement", "python", "os", "arch", "glibc",
            "macos", "vendor", "driver", "computeCapability", "architecture", "channel", "backend", "strategy",
            "installer", "format");

    private final Planner planner;
    private final CatalogService catalog;
    private final FleetPolicy policy;
    private final PlanMetrics metrics;
    private final CatalogProperties.MaxAge maxAge;
    private final Duration requestBudget;
    private final Clock clock;
    private final PypiProjects pypi;

    PlanController(Planner planner, CatalogService catalog, PypiProjects pypi, FleetPolicy policy, PlanMetrics metrics,
            CatalogProperties catalogProperties, ObjectProvider<Clock> clock) {
        this.planner = planner;
        this.catalog = catalog;
        this.pypi = pypi;
        this.policy = policy;
        this.metrics = metrics;
        this.maxAge = catalogProperties.maxAge();
        this.requestBudget = catalogProperties.upstream().requestBudget();
        this.clock = clock.getIfAvailable(Clock::systemUTC);
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
            @Parameter(hidden = true) @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept) {
        RenderingFormat rendering = RenderingFormat.choose(format, accept);
        PlanRequestBody body = PlanRequestReader.read(body(http));
        return render(plan(body), rendering);
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
            @Parameter(hidden = true) @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept) {
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
        return render(plan(body), rendering);
    }

    /**
     * Parses, takes the catalog snapshot the plan reads (the only step that may wait on upstream, within the
     * request budget), plans, then applies the time the planner has no clock for: the age of the data.
     */
    private PlanResult plan(PlanRequestBody body) {
        PlanRequest request = metrics.parsed(() -> PlanRequestParser.parse(body));
        List<String> names = request.requirements().stream().map(Requirement::normalizedName).toList();
        CatalogSnapshot snapshot = catalog.snapshotFor(request.channel(), names, requestBudget);
        Instant now = clock.instant();
        Duration bound = maxAge.of(request.channel());
        return metrics.record(() -> {
            try {
                return planWithEnvironment(snapshot, request).agedAt(now, bound);
            } catch (UnsatisfiableRequestException unsatisfiable) {
                throw withCatalogNote(unsatisfiable, request.channel(), bound, now);
            }
        });
    }

    /**
     * The plan of the whole environment; when the third-party index cannot be read in time (down, offline, slow),
     * the PyTorch packages are planned alone and the plan says so: the rest installs as asked, resolved by pip.
     */
    private PlanResult planWithEnvironment(CatalogSnapshot snapshot, PlanRequest request) {
        try {
            PlanResult plan = planner.plan(snapshot, request, policy, pypi.forPlan(requestBudget));
            List<String> thirdParty = plan.environment().stream()
                    .filter(locked -> LockedPackage.THIRD_PARTY_INDEX.equals(locked.index()))
                    .map(LockedPackage::name).toList();
            return thirdParty.isEmpty() ? plan : plan.withThirdPartyCatalog(pypi.statusOf(thirdParty));
        } catch (UpstreamUnavailableException unread) {
            return planner.plan(snapshot, request, policy).withWarning("the environment was not resolved: "
                    + unread.getMessage() + "; the PyTorch packages are planned alone, and the other requirements"
                    + " install as asked (pip resolves them, and a bound one of them puts on torch is not checked)");
        }
    }

    /** A refusal resting on old, stale or snapshot data says so: the release asked for may be newer than the data. */
    private static UnsatisfiableRequestException withCatalogNote(
            UnsatisfiableRequestException unsatisfiable, Channel channel, Duration bound, Instant now) {
        CatalogStatus status = unsatisfiable.catalog();
        if (status == null) {
            return unsatisfiable;
        }
        Optional<String> old = CatalogAge.warning(status, channel, bound, now);
        if (old.isPresent()) {
            return unsatisfiable.with(old.get(), status.at(now, bound));
        }
        if (status.stale() || status.source() != CatalogSource.LIVE) {
            return unsatisfiable.with("the catalog data this answer rests on is " + CatalogAge.describe(status.source())
                    + " (fetched " + status.fetchedAt() + ")" + (status.stale() ? " and partly stale" : "")
                    + ": GET /catalog shows its state", status);
        }
        return unsatisfiable;
    }

    private static ResponseEntity<Object> render(PlanResult plan, RenderingFormat rendering) {
        Object body = switch (rendering) {
            case JSON -> PlanResponse.of(plan);
            case SHELL -> ShellScriptRendering.render(plan);
            case REQUIREMENTS -> RequirementsFileRendering.render(plan);
        };
        return ResponseEntity.ok().contentType(rendering.mediaType()).body(body);
    }

    /** The body, read up to the limit whatever the transfer encoding: a chunked body has no length to check first. */
    private static byte[] body(HttpServletRequest http) {
        if (http.getContentLengthLong() > BODY_LIMIT_BYTES) {
            throw new RequestTooLargeException(BODY_LIMIT_BYTES);
        }
        try (InputStream input = http.getInputStream()) {
            byte[] bytes = input.readNBytes(BODY_LIMIT_BYTES + 1);
            if (bytes.length > BODY_LIMIT_BYTES) {
                throw new RequestTooLargeException(BODY_LIMIT_BYTES);
            }
            return bytes;
        } catch (IOException unreadable) {
            throw InvalidRequestException.of("body", "the request body could not be read");
        }
    }
}
