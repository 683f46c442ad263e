package org.torchplan.resolve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.torchplan.packaging.Architecture;
import org.torchplan.packaging.DistributionMetadata;
import org.torchplan.packaging.OperatingSystem;
import org.torchplan.packaging.PythonTarget;
import org.torchplan.packaging.Requirement;
import org.torchplan.packaging.Target;
import org.torchplan.packaging.Version;

/** Small vectors, one rule each, on an in-memory index; the differential test against pip covers their mixtures. */
class ResolverTest {

    private static final Target LINUX = Target.of(PythonTarget.parse("3.12"), OperatingSystem.LINUX, Architecture.X86_64);
    private static final Target WINDOWS = Target.of(PythonTarget.parse("3.12"), OperatingSystem.WINDOWS,
            Architecture.X86_64);

    private static Resolution resolve(InMemoryProjectSource source, String... roots) {
        return Resolver.resolve(request(source, roots));
    }

    private static ResolutionRequest request(InMemoryProjectSource source, String... roots) {
        List<Requirement> requirements = new ArrayList<>();
        for (String root : roots) {
            requirements.add(Requirement.parse(root));
        }
        return ResolutionRequest.of(requirements, LINUX, source);
    }

    @Test
    void takesTheNewestVersionThatEveryRequirementAccepts() {
        InMemoryProjectSource source = new InMemoryProjectSource()
                .wheel("a-1.0-py3-none-any.whl").wheel("a-2.0-py3-none-any.whl").wheel("a-3.0-py3-none-any.whl");
        assertThat(resolve(source, "a").versions()).isEqualTo(Map.of("a", "3.0"));
        assertThat(resolve(source, "a<3").versions()).isEqualTo(Map.of("a", "2.0"));
        assertThat(resolve(source, "a!=3.0,>=1.5").versions()).isEqualTo(Map.of("a", "2.0"));
    }

    @Test
    void backtracksWhenAThirdPartyPackageBoundsTorch() {
        InMemoryProjectSource source = new InMemoryProjectSource()
                .wheel("torch-2.8.0-py3-none-any.whl").wheel("torch-2.12.0-py3-none-any.whl")
                .wheel("somepkg-1.0.0-py3-none-any.whl", "torch<2.9");
        Resolution resolution = resolve(source, "torch", "somepkg");
        assertThat(resolution.versions()).containsEntry("torch", "2.8.0").containsEntry("somepkg", "1.0.0");
        assertThat(resolution.find("torch").orElseThrow().reasons())
                .contains("root (torch)", "somepkg 1.0.0 requires torch<2.9");
    }

    @Test
    void saysWhichRequirementsConflict() {
        InMemoryProjectSource source = new InMemoryProjectSource()
                .wheel("torch-2.8.0-py3-none-any.whl").wheel("torch-2.12.0-py3-none-any.whl")
                .wheel("somepkg-1.0.0-py3-none-any.whl", "torch<2.9");
        assertThatThrownBy(() -> resolve(source, "torch==2.12.0", "somepkg"))
                .isExactlyInstanceOf(ResolutionImpossibleException.class)
                .hasMessageContaining("somepkg 1.0.0 requires torch<2.9")
                .hasMessageContaining("torch==2.12.0 was asked");
    }

    @Test
    void namesTheChainThatBroughtAConflictingRequirement() {
        InMemoryProjectSource source = new InMemoryProjectSource()
                .wheel("torch-2.12.0-py3-none-any.whl")
                .wheel("app-1.0-py3-none-any.whl", "somepkg>=1")
                .wheel("somepkg-1.0.0-py3-none-any.whl", "torch<2.9");
        assertThatThrownBy(() -> resolve(source, "app"))
                .isInstanceOf(ResolutionImpossibleException.class)
                .hasMessageContaining("somepkg 1.0.0 requires torch<2.9 (via app 1.0 requires somepkg>=1")
                .hasMessageContaining("torch versions for cp312 ");
    }

    @Test
    void aProjectTheIndexDoesNotHaveIsNamed() {
        InMemoryProjectSource source = new InMemoryProjectSource().wheel("app-1.0-py3-none-any.whl", "nowhere>=1");
        assertThatThrownBy(() -> resolve(source, "app"))
                .isInstanceOf(ProjectNotFoundException.class)
                .hasMessageContaining("nowhere is not on the index")
                .hasMessageContaining("app 1.0 requires nowhere>=1");
    }

    @Test
    void aProjectWithoutAWheelForTheTargetIsNamed() {
        InMemoryProjectSource source = new InMemoryProjectSource().emptyProject("sdistonly")
                .wheel("winonly-1.0-cp312-cp312-win_amd64.whl");
        assertThatThrownBy(() -> resolve(source, "sdistonly"))
                .isInstanceOf(NoCompatibleWheelException.class)
                .hasMessageContaining("sdistonly has no wheel for cp312")
                .hasMessageContaining("building from source is not supported");
        assertThatThrownBy(() -> resolve(source, "winonly"))
                .isInstanceOf(NoCompatibleWheelException.class)
                .hasMessageContaining("none of its 1 wheels fits");
    }

    @Test
    void aDependencyThatCannotBeMetMakesTheResolverTryAnOlderVersion() {
        InMemoryProjectSource source = new InMemoryProjectSource()
                .wheel("app-1.0-py3-none-any.whl").wheel("app-2.0-py3-none-any.whl", "nowhere");
        assertThat(resolve(source, "app").versions()).isEqualTo(Map.of("app", "1.0"));
    }

    @Test
    void markersAreEvaluatedForTheTarget() {
        InMemoryProjectSource source = new InMemoryProjectSource()
                .wheel("app-1.0-py3-none-any.whl", "winhelper; sys_platform == \"win32\"",
                        "modern; python_version >= \"3.10\"", "ancient; python_version < \"3.8\"")
                .wheel("winhelper-1.0-py3-none-any.whl").wheel("modern-1.0-py3-none-any.whl");
        assertThat(resolve(source, "app").versions().keySet()).containsExactly("app", "modern");
        ResolutionRequest onWindows = new ResolutionRequest(List.of(Requirement.parse("app")), WINDOWS, source,
                List.of(), false, List.of());
        assertThat(Resolver.resolve(onWindows).versions().keySet()).containsExactlyInAnyOrder("app", "modern",
                "winhelper");
        assertThat(resolve(source, "app", "other; sys_platform == \"darwin\"").versions().keySet())
                .containsExactly("app", "modern");
    }

    @Test
    void anExtraPullsItsDependenciesAndTheBaseAtTheSameVersion() {
        InMemoryProjectSource source = new InMemoryProjectSource()
                .wheel("lib-1.0-py3-none-any.whl", List.of("fastdep; extra == \"fast\""), null, List.of("fast"), null)
                .wheel("lib-2.0-py3-none-any.whl", List.of("fastdep>=2; extra == \"fast\""), null, List.of("fast"), null)
                .wheel("fastdep-1.0-py3-none-any.whl").wheel("fastdep-2.0-py3-none-any.whl");
        assertThat(resolve(source, "lib").versions()).isEqualTo(Map.of("lib", "2.0"));
        Resolution withExtra = resolve(source, "lib[fast]");
        assertThat(withExtra.versions()).isEqualTo(Map.of("lib", "2.0", "fastdep", "2.0"));
        assertThat(withExtra.find("lib").orElseThrow().extras()).containsExactly("fast");
        assertThat(resolve(source, "lib[fast]", "fastdep<2").versions())
                .isEqualTo(Map.of("lib", "1.0", "fastdep", "1.0"));
    }

    @Test
    void anExtraTheDistributionDoesNotDeclareIsIgnoredWithAWarning() {
        InMemoryProjectSource source = new InMemoryProjectSource()
                .wheel("lib-1.0-py3-none-any.whl", "fastdep; extra == \"fast\"").wheel("fastdep-1.0-py3-none-any.whl");
        Resolution resolution = resolve(source, "lib[fast]");
        assertThat(resolution.versions()).isEqualTo(Map.of("lib", "1.0"));
        assertThat(resolution.warnings()).contains("lib 1.0 does not provide the extra 'fast'");
    }

    @Test
    void preReleasesOnlyWhenAskedNamedOrAlone() {
        InMemoryProjectSource source = new InMemoryProjectSource()
                .wheel("a-1.0-py3-none-any.whl").wheel("a-2.0rc1-py3-none-any.whl")
                .wheel("only-3.0b1-py3-none-any.whl");
        assertThat(resolve(source, "a").versions()).isEqualTo(Map.of("a", "1.0"));
        assertThat(Resolver.resolve(request(source, "a").withPrereleases(true)).versions())
                .isEqualTo(Map.of("a", "2.0rc1"));
        assertThat(resolve(source, "a>=2.0rc1").versions()).isEqualTo(Map.of("a", "2.0rc1"));
        // "<" naming a pre-release does not admit pre-releases (packaging 21.3, which pip 23.2 vendors)
        assertThat(resolve(source, "a<2.1rc1").versions()).isEqualTo(Map.of("a", "1.0"));
        assertThat(resolve(source, "only").versions()).isEqualTo(Map.of("only", "3.0b1"));
        // with any clause, pip 23.2 does not fall back to pre-releases
        assertThatThrownBy(() -> resolve(source, "only>=1")).isInstanceOf(ResolutionImpossibleException.class);
    }

    @Test
    void yankedFilesAreTakenOnlyWhenPinnedExactly() {
        InMemoryProjectSource source = new InMemoryProjectSource()
                .wheel("a-1.0-py3-none-any.whl")
                .wheel("a-2.0-py3-none-any.whl", List.of(), null, List.of(), "broken");
        assertThat(resolve(source, "a").versions()).isEqualTo(Map.of("a", "1.0"));
        assertThatThrownBy(() -> resolve(source, "a>=2")).isInstanceOf(ResolutionImpossibleException.class);
        Resolution pinned = resolve(source, "a==2.0");
        assertThat(pinned.versions()).isEqualTo(Map.of("a", "2.0"));
        assertThat(pinned.warnings()).contains("a 2.0 is yanked (broken); taken because it was pinned with ==");
    }

    @Test
    void requiresPythonExcludesFilesForOtherPythons() {
        InMemoryProjectSource source = new InMemoryProjectSource()
                .wheel("a-1.0-py3-none-any.whl", List.of(), ">=3.8", List.of(), null)
                .wheel("a-2.0-py3-none-any.whl", List.of(), ">=3.13", List.of(), null);
        assertThat(resolve(source, "a").versions()).isEqualTo(Map.of("a", "1.0"));
        assertThatThrownBy(() -> resolve(source, "a==2.0")).isInstanceOf(ResolutionImpossibleException.class);
    }

    @Test
    void localLabelsMatchAPublicPinButNotAnotherLabel() {
        InMemoryProjectSource source = new InMemoryProjectSource()
                .wheel("torch-2.12.0+cpu-py3-none-any.whl").wheel("torch-2.12.0+cu126-py3-none-any.whl")
                .wheel("torch-2.8.0+cpu-py3-none-any.whl");
        assertThat(resolve(source, "torch==2.12.0").versions()).isEqualTo(Map.of("torch", "2.12.0+cu126"));
        assertThat(resolve(source, "torch==2.12.0+cpu").versions()).isEqualTo(Map.of("torch", "2.12.0+cpu"));
        assertThat(resolve(source, "torch===2.8.0+cpu").versions()).isEqualTo(Map.of("torch", "2.8.0+cpu"));
    }

    @Test
    void theBestRankedWheelOfAVersionIsChosenAndAllInstallableOnesListed() {
        InMemoryProjectSource source = new InMemoryProjectSource()
                .wheel("fast-1.0-py3-none-any.whl").wheel("fast-1.0-cp312-cp312-manylinux_2_17_x86_64.whl")
                .wheel("fast-1.0-cp312-cp312-win_amd64.whl");
        ResolvedDistribution fast = resolve(source, "fast").find("fast").orElseThrow();
        assertThat(fast.wheel().orElseThrow().filename().toString())
                .isEqualTo("fast-1.0-cp312-cp312-manylinux_2_17_x86_64.whl");
        assertThat(fast.installableFiles()).extracting(file -> file.filename().toString())
                .containsExactly("fast-1.0-cp312-cp312-manylinux_2_17_x86_64.whl", "fast-1.0-py3-none-any.whl");
    }

    @Test
    void aDirectUrlIsRefusedClearly() {
        InMemoryProjectSource source = new InMemoryProjectSource();
        assertThatThrownBy(() -> resolve(source, "a @ https://example.com/a-1.0-py3-none-any.whl"))
                .isInstanceOf(UnsupportedRequirementException.class)
                .hasMessageContaining("direct URL");
    }

    @Test
    void conflictingRootRequirementsAreImpossibleAndDuplicatesMerge() {
        InMemoryProjectSource source = new InMemoryProjectSource()
                .wheel("a-1.0-py3-none-any.whl").wheel("a-2.0-py3-none-any.whl");
        assertThatThrownBy(() -> resolve(source, "a==1.0", "a==2.0"))
                .isInstanceOf(ResolutionImpossibleException.class)
                .hasMessageContaining("a==1.0 was asked").hasMessageContaining("a==2.0 was asked");
        assertThat(resolve(source, "a>=1", "A<2").versions()).isEqualTo(Map.of("a", "1.0"));
    }

    @Test
    void namesAreMatchedNormalized() {
        InMemoryProjectSource source = new InMemoryProjectSource()
                .wheel("foo_bar-1.0-py3-none-any.whl", "Other.Lib>=1").wheel("other_lib-1.0-py3-none-any.whl");
        assertThat(resolve(source, "Foo.Bar").versions()).isEqualTo(Map.of("foo-bar", "1.0", "other-lib", "1.0"));
    }

    @Test
    void circularDependenciesResolve() {
        InMemoryProjectSource source = new InMemoryProjectSource()
                .wheel("a-1.0-py3-none-any.whl", "b").wheel("b-1.0-py3-none-any.whl", "a");
        assertThat(resolve(source, "a").versions()).isEqualTo(Map.of("a", "1.0", "b", "1.0"));
    }

    @Test
    void anInstalledDistributionThatFitsIsKept() {
        InMemoryProjectSource source = new InMemoryProjectSource()
                .wheel("torch-2.8.0-py3-none-any.whl").wheel("torch-2.12.0-py3-none-any.whl");
        DistributionMetadata installedTorch = new DistributionMetadata("torch", Version.parse("2.8.0"), List.of(),
                Optional.empty(), List.of());
        Resolution kept = Resolver.resolve(request(source, "torch").withInstalled(List.of(installedTorch)));
        ResolvedDistribution torch = kept.find("torch").orElseThrow();
        assertThat(torch.version()).hasToString("2.8.0");
        assertThat(torch.keptInstalled()).isTrue();
        assertThat(torch.wheel()).isEmpty();
        Resolution replaced = Resolver.resolve(request(source, "torch>=2.9").withInstalled(List.of(installedTorch)));
        assertThat(replaced.find("torch").orElseThrow().keptInstalled()).isFalse();
        assertThat(replaced.versions()).isEqualTo(Map.of("torch", "2.12.0"));
    }

    @Test
    void constraintsRestrictButDoNotAdd() {
        InMemoryProjectSource source = new InMemoryProjectSource()
                .wheel("torch-2.8.0-py3-none-any.whl").wheel("torch-2.12.0-py3-none-any.whl")
                .wheel("other-1.0-py3-none-any.whl");
        ResolutionRequest request = request(source, "torch")
                .withConstraints(List.of(Requirement.parse("torch<2.10"), Requirement.parse("other==1.0")));
        assertThat(Resolver.resolve(request).versions()).isEqualTo(Map.of("torch", "2.8.0"));
        assertThatThrownBy(() -> Resolver.resolve(request(source, "torch")
                .withConstraints(List.of(Requirement.parse("torch[opt]<3")))))
                .isInstanceOf(UnsupportedRequirementException.class);
    }

    @Test
    void whenSeveralEnvironmentsWouldDoThePinOrderDecidesAsInPip() {
        // b's newest needs c<2, a's newest needs c>=2: pip pins a (given first) then c 2.0, and so b backtracks to 1.0
        InMemoryProjectSource source = new InMemoryProjectSource()
                .wheel("a-1.0-py3-none-any.whl").wheel("a-2.0-py3-none-any.whl", "c>=2")
                .wheel("b-1.0-py3-none-any.whl").wheel("b-2.0-py3-none-any.whl", "c<2")
                .wheel("c-1.0-py3-none-any.whl").wheel("c-2.0-py3-none-any.whl");
        assertThat(resolve(source, "a", "b").versions())
                .isEqualTo(Map.of("a", "2.0", "b", "1.0", "c", "2.0"));
        assertThat(resolve(source, "b", "a").versions())
                .isEqualTo(Map.of("a", "1.0", "b", "2.0", "c", "1.0"));
    }

    @Test
    void metadataIsReadOnlyForCandidatesTried() {
        InMemoryProjectSource source = new InMemoryProjectSource();
        for (int minor = 0; minor < 50; minor++) {
            source.wheel("a-1." + minor + "-py3-none-any.whl");
        }
        resolve(source, "a");
        assertThat(source.metadataReads()).isEqualTo(1);
    }
}
