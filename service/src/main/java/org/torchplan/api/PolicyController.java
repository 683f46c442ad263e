package org.torchplan.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.torchplan.policy.FleetPolicy;

/** {@code GET /policy}: the fleet policy plans are made under. */
@RestController
@Tag(name = "policy", description = "The fleet policy")
class PolicyController {

    private final FleetPolicy policy;

    PolicyController(FleetPolicy policy) {
        this.policy = policy;
    }

    @GetMapping(path = "/policy", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "The effective fleet policy")
    PolicyView policy() {
        return PolicyView.of(policy);
    }
}
