package org.torchplan.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class GpuTest {

    @Test
    void amdKeepsTheArchitectureInItsNormalForm() {
        assertThat(new Gpu.Amd("GFX942:sramecc+:xnack-").architecture()).isEqualTo("gfx942");
        assertThat(new Gpu.Amd("gfx942")).isEqualTo(new Gpu.Amd("gfx942:xnack+"));
    }

    @Test
    void amdCannotBeBuiltFromANonArchitecture() {
        assertThatThrownBy(() -> new Gpu.Amd("Radeon RX 7900")).isInstanceOf(InvalidHardwareException.class);
    }

    @Test
    void nvidiaRequiresADriverAndAnExplicitlyOptionalComputeCapability() {
        assertThatThrownBy(() -> new Gpu.Nvidia(null, Optional.empty())).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new Gpu.Nvidia(DriverVersion.parse("580"), null))
                .isInstanceOf(NullPointerException.class);
    }
}
