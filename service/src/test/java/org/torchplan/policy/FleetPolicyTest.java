package org.torchplan.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.torchplan.backend.ComputeBackend;
import org.torchplan.catalog.model.Channel;
import org.torchplan.packaging.Architecture;
import org.torchplan.packaging.OperatingSystem;
import org.torchplan.packaging.PythonTarget;
import org.torchplan.packaging.Requirement;
import org.torchplan.packaging.Target;
import org.torchplan.packaging.Version;

class FleetPolicyTest {

    private static final FleetPolicy BLOCKING = new FleetPolicy(List.of(), List.of(), List.of(
            Requirement.parse("torch==2.6.0"), Requirement.parse("torchvision>=0.30"),
            Requirement.parse("torchaudio==2.5.*; sys_platform == 'win32'")), null, null);

    @ParameterizedTest(name = "{0} {1} blocked: {2}")
    @CsvSource({
        "torch, 2.6.0+cu126, true",
        "torch, 2.6.0, true",
        "torch, 2.6.1+cu126, false",
        "torchvision, 0.31.0.dev20260101+cu126, true",
        "torchvision, 0.29.0, false",
        "torchaudio, 2.5.1+cu124, false",
    })
    void blockedRequirementsMatchVersionsWithAndWithoutLocalLabels(String name, String version, boolean blocked) {
        Target linux = Target.of(PythonTarget.parse("cp312"), OperatingSystem.LINUX, Architecture.X86_64);

        assertThat(BLOCKING.blocking(name, Version.parse(version), linux.markerEnvironment()).isPresent())
                .isEqualTo(blocked);
    }

    @Test
    void aBlockedRequirementWithAMarkerAppliesOnlyWhereItHolds() {
        Target windows = Target.of(PythonTarget.parse("cp312"), OperatingSystem.WINDOWS, Architecture.X86_64);

        assertThat(BLOCKING.blocking("torchaudio", Version.parse("2.5.1+cu124"), windows.markerEnvironment()))
                .isPresent();
    }

    @Test
    void aBlockedMarkerThatNoMachineCanEvaluateIsRefusedWhenThePolicyIsMade() {
        Requirement blocked = Requirement.parse("torch==2.6.0; platform_release ~= \"6.1\"");

        assertThatThrownBy(() -> new FleetPolicy(null, null, List.of(blocked), null, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("the marker of 'torch==2.6.0; platform_release ~= \"6.1\"' cannot be evaluated");
    }

    @Test
    void emptyListsAllowEverything() {
        assertThat(FleetPolicy.OPEN.allowsBackend(ComputeBackend.parse("cu126"))).isTrue();
        assertThat(FleetPolicy.OPEN.allowsChannel(Channel.NIGHTLY)).isTrue();
        assertThat(FleetPolicy.OPEN.pypiIndexUrl()).isEqualTo("https://pypi.org/simple");
        assertThat(FleetPolicy.OPEN.indexUrl()).isNull();
    }

    @Test
    void listsRestrict() {
        FleetPolicy policy = new FleetPolicy(List.of(ComputeBackend.CPU), List.of(Channel.STABLE), null, null, null);

        assertThat(policy.allowsBackend(ComputeBackend.parse("cu126"))).isFalse();
        assertThat(policy.allowsBackend(ComputeBackend.CPU)).isTrue();
        assertThat(policy.allowsChannel(Channel.TEST)).isFalse();
    }

    @Test
    void indexUrlsLoseTheirTrailingSlash() {
        FleetPolicy policy = new FleetPolicy(null, null, null, "https://mirror.example/whl/", "http://pypi.example/simple/");

        assertThat(policy.indexUrl()).isEqualTo("https://mirror.example/whl");
        assertThat(policy.pypiIndexUrl()).isEqualTo("http://pypi.example/simple");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://mirror.example/whl", "mirror.example/whl", "https://", "https://exa mple.com",
            "file:///srv/whl"})
    void aPolicyUrlThatIsNotHttpStopsTheStart(String url) {
        assertThatThrownBy(() -> new FleetPolicy(null, null, null, url, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("torchplan.policy.index-url");
    }
}
