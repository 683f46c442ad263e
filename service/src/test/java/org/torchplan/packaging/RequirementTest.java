package org.torchplan.packaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RequirementTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        // input | name | normalized | extras | specifier | marker | url | printed
        "torch | torch | torch | | | | | torch",
        "torch==2.5.1 | torch | torch | | ==2.5.1 | | | torch==2.5.1",
        "Torch_Vision >= 0.20 , < 0.22 | Torch_Vision | torch-vision | | >=0.20,<0.22 | | | Torch_Vision>=0.20,<0.22",
        "torch[opt-einsum, Dev]>=2.5 | torch | torch | dev,opt-einsum | >=2.5 | | | torch[dev,opt-einsum]>=2.5",
        "name (>=1.0, <2) | name | name | | >=1.0,<2 | | | name>=1.0,<2",
        "torch>=2.5; python_version >= '3.10' | torch | torch | | >=2.5 | python_version >= \"3.10\" | "
                + "| torch>=2.5; python_version >= \"3.10\"",
        "torch ; sys_platform == 'linux' | torch | torch | | | sys_platform == \"linux\" | "
                + "| torch; sys_platform == \"linux\"",
        "pip @ https://github.com/pypa/pip/archive/1.3.1.zip#sha1=da9234ee | pip | pip | | | "
                + "| https://github.com/pypa/pip/archive/1.3.1.zip#sha1=da9234ee "
                + "| pip @ https://github.com/pypa/pip/archive/1.3.1.zip#sha1=da9234ee",
        "torch[cuda] @ file:///wheels/torch.whl ; os_name == 'posix' | torch | torch | cuda | "
                + "| os_name == \"posix\" | file:///wheels/torch.whl "
                + "| torch[cuda] @ file:///wheels/torch.whl ; os_name == \"posix\"",
        "A.B-C_D==1.0 | A.B-C_D | a-b-c-d | | ==1.0 | | | A.B-C_D==1.0",
        "torch[] | torch | torch | | | | | torch",
        // one trailing comma after the last clause, as pypa/packaging 26 reads requirements
        "torch>=2.4, | torch | torch | | >=2.4 | | | torch>=2.4",
        "torch >=2.4 , | torch | torch | | >=2.4 | | | torch>=2.4",
        "torch>=2.4,<3, | torch | torch | | >=2.4,<3 | | | torch>=2.4,<3",
        "Torch_Vision >= 0.20 , < 0.22 , | Torch_Vision | torch-vision | | >=0.20,<0.22 | | "
                + "| Torch_Vision>=0.20,<0.22",
        "torch==2.*, | torch | torch | | ==2.* | | | torch==2.*",
        "torch[opt-einsum]>=2.5, | torch | torch | opt-einsum | >=2.5 | | | torch[opt-einsum]>=2.5",
        "name (>=1.0, ) | name | name | | >=1.0 | | | name>=1.0",
        "name(>=1.0,) | name | name | | >=1.0 | | | name>=1.0",
        "torch>=2.4, ; python_version >= '3.8' | torch | torch | | >=2.4 | python_version >= \"3.8\" | "
                + "| torch>=2.4; python_version >= \"3.8\"",
        "torch>=2.4,;python_version>='3.8' | torch | torch | | >=2.4 | python_version >= \"3.8\" | "
                + "| torch>=2.4; python_version >= \"3.8\"",
    })
    void parsesEveryPart(String input, String name, String normalizedName, String extras, String specifier,
            String marker, String url, String printed) {
        Requirement requirement = Requirement.parse(input);
        assertThat(requirement.name()).isEqualTo(name);
        assertThat(requirement.normalizedName()).isEqualTo(normalizedName);
        assertThat(requirement.extras()).isEqualTo(extras == null ? List.of() : List.of(extras.split(",")));
        assertThat(requirement.specifier()).isEqualTo(SpecifierSet.parse(specifier == null ? "" : specifier));
        assertThat(requirement.marker().map(Marker::toString)).isEqualTo(Optional.ofNullable(marker));
        assertThat(requirement.url()).isEqualTo(Optional.ofNullable(url));
        assertThat(requirement).hasToString(printed);
        assertThat(Requirement.parse(printed)).isEqualTo(requirement);
    }

    @Test
    void appliesOnlyWhereItsMarkerHolds() {
        Requirement requirement = Requirement.parse("triton==3.1.0; platform_system == 'Linux' and platform_machine == 'x86_64'");
        Target linux = Target.of(PythonTarget.parse("cp312"), OperatingSystem.LINUX, Architecture.X86_64);
        Target windows = Target.of(PythonTarget.parse("cp312"), OperatingSystem.WINDOWS, Architecture.X86_64);
        assertThat(requirement.appliesTo(linux.markerEnvironment())).isTrue();
        assertThat(requirement.appliesTo(windows.markerEnvironment())).isFalse();
        assertThat(Requirement.parse("torch").appliesTo(windows.markerEnvironment())).isTrue();
    }

    @Test
    void specifierAppliesItsLocalLabelRules() {
        SpecifierSet specifier = Requirement.parse("torch==2.5.1").specifier();
        assertThat(specifier.contains(Version.parse("2.5.1+cu124"))).isTrue();
        assertThat(Requirement.parse("torch==2.5.1+cu124").specifier().contains(Version.parse("2.5.1+cu118")))
                .isFalse();
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {"", "   ", "==2.5", "-torch", "torch-", "torch[", "torch[cuda", "torch[cu da]",
        "torch[,]", "torch 2.5", "torch==", "torch>=2.5;", "torch; python_version >", "torch @", "torch @ ",
        "torch @ https://x/y.whl extra", "torch (>=2.5", "torch>=2.5)", "torch >=2.5 ; bogus == 'x'",
        "torch~=2", "to rch",
        // a comma needs a clause before it: only one trailing comma (pypa/packaging rejects all of these)
        "torch>=2.4,,", "torch>=2.4, ,", "torch>=1,,<2", "torch>=1, ,<2", "torch,>=2", "torch,", "torch ,",
        "torch (,)", "torch(,)", "torch (>=2.4),", "torch,;python_version>'3'", "torch>=2.4,;",
        "torch>=2.4,@ https://x/y.whl"})
    void rejectsInvalidRequirementsWithATypedErrorNamingTheInput(String input) {
        assertThatThrownBy(() -> Requirement.parse(input))
                .isInstanceOf(InvalidRequirementException.class)
                .hasMessageContaining("'" + input + "'");
    }
}
