package org.torchplan.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.torchplan.packaging.OperatingSystem;

class ComputeCapabilityTableTest {

    @ParameterizedTest(name = "torch {0}.{1} {2} {3}, device {4}: {5}")
    @CsvSource({
            // 2.8 cu128 dropped Maxwell and Pascal, kept Volta; exact list 7.0;7.5;8.0;8.6;9.0;10.0;12.0
            "2, 8, cu128, linux, 6.1, NO",
            "2, 8, cu128, windows, 6.1, NO",
            "2, 8, cu128, linux, 5.0, NO",
            "2, 8, cu128, linux, 7.0, YES",
            "2, 8, cu128, linux, 8.6, YES",
            "2, 8, cu128, linux, 8.9, YES",
            "2, 8, cu128, linux, 12.0, YES",
            "2, 8, cu128, linux, 10.3, YES",
            "2, 8, cu128, linux, 11.0, NO",
            // 2.8 cu126 on Linux keeps 5.0;6.0;7.0;7.5;8.0;8.6;9.0
            "2, 8, cu126, linux, 6.1, YES",
            "2, 8, cu126, linux, 5.2, YES",
            "2, 8, cu126, linux, 3.7, NO",
            "2, 8, cu126, linux, 12.0, NO",
            "2, 8, cu126, windows, 6.1, UNKNOWN",
            // 2.8 cu129 on Linux: 7.0 ... 12.0; Windows only has the floor
            "2, 8, cu129, linux, 12.0, YES",
            "2, 8, cu129, windows, 12.0, UNKNOWN",
            "2, 8, cu129, windows, 6.1, NO",
            // later 12.8 builds: floor 7.0 from 2.8 on, 7.5 in 2.10/2.11
            "2, 9, cu128, linux, 6.1, NO",
            "2, 9, cu128, linux, 12.0, UNKNOWN",
            "2, 10, cu128, linux, 7.0, NO",
            "2, 11, cu128, windows, 7.0, NO",
            "2, 10, cu128, linux, 12.0, UNKNOWN",
            "2, 12, cu128, linux, 7.0, NO",
            // CUDA 13 builds start at Turing
            "2, 9, cu130, linux, 7.0, NO",
            "2, 11, cu132, windows, 6.1, NO",
            "2, 9, cu130, linux, 7.5, UNKNOWN",
            "2, 11, cu132, linux, 12.0, UNKNOWN",
            // nothing recorded
            "2, 7, cu128, linux, 12.0, UNKNOWN",
            "2, 5, cu124, linux, 6.1, UNKNOWN",
            "3, 0, cu128, linux, 8.6, UNKNOWN",
    })
    void answersFromTheRecordedFacts(int torchMajor, int torchMinor, String backend, String os, String device,
            Support expected) {
        Support support = ComputeCapabilityTable.support(torchMajor, torchMinor, ComputeBackend.parse(backend),
                OperatingSystem.parse(os), ComputeCapability.parse(device));

        assertThat(support).isEqualTo(expected);
    }

    @Test
    void exposesTheExactArchitectureListWhereRecorded() {
        assertThat(ComputeCapabilityTable.architectures(2, 8, ComputeBackend.parse("cu128"), OperatingSystem.LINUX))
                .hasValueSatisfying(list -> assertThat(list).extracting(ComputeCapability::toString)
                        .containsExactly("7.0", "7.5", "8.0", "8.6", "9.0", "10.0", "12.0"));
        assertThat(ComputeCapabilityTable.architectures(2, 10, ComputeBackend.parse("cu128"), OperatingSystem.LINUX))
                .isEmpty();
    }

    @Test
    void rejectsANonCudaBackend() {
        assertThatThrownBy(() -> ComputeCapabilityTable.support(2, 8, ComputeBackend.parse("rocm6.4"),
                OperatingSystem.LINUX, ComputeCapability.parse("8.6"))).isInstanceOf(IllegalArgumentException.class);
    }
}
