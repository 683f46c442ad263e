package org.torchplan.backend;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.torchplan.packaging.OperatingSystem;

class NvidiaDriverBranchesTest {

    @ParameterizedTest(name = "driver {0} on {1}, compute capability {2}: runs {3}")
    @CsvSource({
            // Kepler: R470 is the last branch (Windows R470 drivers are numbered up to 474)
            "470.256.02, linux, 3.5, true",
            "474.64, windows, 3.7, true",
            "535.104.05, linux, 3.5, false",
            "580.65.06, linux, 3.7, false",
            // Maxwell, Pascal, Volta: R580 is the last branch
            "580.159.04, linux, 5.0, true",
            "581.57, windows, 6.1, true",
            "590.44.01, linux, 6.1, false",
            "595.45.04, linux, 7.0, false",
            "470.256.02, linux, 7.0, true",
            // new architectures need the driver of the CUDA release that introduced them
            "450.80.02, linux, 8.0, true",
            "450.80.02, linux, 8.6, false",
            "455.23, linux, 8.6, true",
            "470.256.02, linux, 9.0, false",
            "520.61.05, linux, 9.0, true",
            "519.0, windows, 8.9, false",
            "550.163.01, linux, 10.0, false",
            "570.26, linux, 10.0, true",
            "570.64, windows, 12.0, false",
            "570.65, windows, 12.0, true",
            "570.86.10, linux, 12.1, false",
            "575.51.03, linux, 12.1, true",
            "575.51.03, linux, 11.0, false",
            "580.65.06, linux, 11.0, true",
            // what no row covers is not refused
            "470.256.02, linux, 7.5, true",
            "999.0, linux, 14.0, true",
    })
    void aDriverRunsOnlyTheGenerationsItsBranchSupports(String driver, String os, String capability, boolean runs) {
        assertThat(NvidiaDriverBranches.cannotRun(DriverVersion.parse(driver), OperatingSystem.parse(os),
                ComputeCapability.parse(capability)).isEmpty()).isEqualTo(runs);
    }

    @ParameterizedTest(name = "driver {0}, compute capability {1}")
    @CsvSource({
            "535.104.05, 3.5, R470",
            "590.44.01, 6.1, R580",
            "470.256.02, 9.0, 520.61.05",
    })
    void theReasonNamesTheBranchOrDriverThatWouldRunIt(String driver, String capability, String named) {
        assertThat(NvidiaDriverBranches.cannotRun(DriverVersion.parse(driver), OperatingSystem.LINUX,
                ComputeCapability.parse(capability))).hasValueSatisfying(reason -> assertThat(reason)
                .startsWith("driver " + driver + " cannot run compute capability " + capability).contains(named));
    }
}
