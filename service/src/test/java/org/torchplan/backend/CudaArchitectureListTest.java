package org.torchplan.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CudaArchitectureListTest {

    @ParameterizedTest(name = "{0}, device {1}: {2}")
    @CsvSource({
            // a cubin runs on its own major at its minor or above
            "8.0, 8.0, NATIVE",
            "8.0, 8.9, NATIVE",
            "8.6, 8.0, NONE",
            "8.0, 9.0, NONE",
            "9.0, 8.9, NONE",
            "10.0, 10.3, NATIVE",
            "10.0, 11.0, NONE",
            // PTX runs on anything at or above its architecture
            "12.0+PTX, 13.0, PTX_JIT",
            "12.0+PTX, 11.0, NONE",
            "3.7+PTX;5.0, 12.0, PTX_JIT",
            "3.7+PTX;5.0, 3.5, NONE",
            "3.7+PTX;9.0, 9.0, NATIVE",
    })
    void aDeviceRunsAsCudaBinaryAndPtxCompatibilityAllow(String list, String device, CudaArchitectureList.Match match) {
        assertThat(CudaArchitectureList.parse(list).match(ComputeCapability.parse(device))).isEqualTo(match);
    }

    @Test
    void thePtxCompiledIsTheNewestAtOrBelowTheDevice() {
        CudaArchitectureList list = CudaArchitectureList.parse("5.0+PTX;9.0+PTX");

        assertThat(list.ptxFor(ComputeCapability.parse("10.0"))).contains(ComputeCapability.parse("9.0"));
        assertThat(list.ptxFor(ComputeCapability.parse("8.6"))).contains(ComputeCapability.parse("5.0"));
        assertThat(list.ptxFor(ComputeCapability.parse("3.7"))).isEmpty();
    }

    @Test
    void aPartlyKnownListKnowsNothingBelowItsBound() {
        CudaArchitectureList list = CudaArchitectureList.parse("7.0;7.5;8.0").knownOnlyFrom("7.0");

        assertThat(list.match(ComputeCapability.parse("6.1"))).isEqualTo(CudaArchitectureList.Match.NOT_KNOWN);
        assertThat(list.match(ComputeCapability.parse("7.2"))).isEqualTo(CudaArchitectureList.Match.NATIVE);
        assertThat(list.match(ComputeCapability.parse("9.0"))).isEqualTo(CudaArchitectureList.Match.NONE);
        assertThat(list).hasToString("7.0;7.5;8.0 (not established below 7.0)");
    }

    @Test
    void namesTheArchitecturesAsGetArchListPrintsThem() {
        assertThat(CudaArchitectureList.parse("7.5;8.0;8.6;9.0;10.0;12.0+PTX").archNames())
                .containsExactly("sm_75", "sm_80", "sm_86", "sm_90", "sm_100", "sm_120", "compute_120");
        assertThat(CudaArchitectureList.parse("3.7+PTX;5.0")).hasToString("3.7+PTX;5.0");
    }

    @Test
    void rejectsAnEntryThatIsNoComputeCapability() {
        assertThatThrownBy(() -> CudaArchitectureList.parse("7.5;sm80x")).isInstanceOf(InvalidHardwareException.class);
    }
}
