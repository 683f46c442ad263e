package org.torchplan.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.torchplan.backend.ComputeBackend;
import org.torchplan.catalog.model.CatalogSource;
import org.torchplan.catalog.model.Channel;
import org.torchplan.catalog.model.IndexedFile;
import org.torchplan.catalog.model.PackageEntry;
import org.torchplan.packaging.Architecture;
import org.torchplan.packaging.OperatingSystem;
import org.torchplan.packaging.PythonTarget;
import org.torchplan.packaging.SupportedTags;
import org.torchplan.packaging.Target;
import org.torchplan.packaging.WheelFilename;

class InstallableFilesTest {

    private static final SupportedTags LINUX_CP312 = SupportedTags.of(
            Target.of(PythonTarget.parse("cp312"), OperatingSystem.LINUX, Architecture.X86_64));

    @Test
    void keepsOnlyFilesThatInstallAndAreNotYanked() {
        PackageEntry entry = entry(
                file("torch-2.12.0+cu126-cp312-cp312-manylinux_2_28_x86_64.whl", null),
                file("torch-2.12.0+cu126-cp313-cp313-manylinux_2_28_x86_64.whl", null),
                file("torch-2.11.0+cu126-cp312-cp312-manylinux_2_28_x86_64.whl", "broken build"),
                file("torch-2.10.0+cu126-cp312-cp312-win_amd64.whl", null),
                file("torch-2.9.0+cu126-cp312-cp312-manylinux_2_28_x86_64.whl", null));

        assertThat(new InstallableFiles().of(entry, LINUX_CP312)).containsExactly(0, 4);
    }

    @Test
    void aRefreshedEntryIsIndexedAfreshEvenWhenEqual() {
        InstallableFiles installable = new InstallableFiles();
        PackageEntry before = entry(file("torch-2.12.0+cu126-cp312-cp312-manylinux_2_28_x86_64.whl", null));
        PackageEntry after = entry(
                file("torch-2.13.0+cu126-cp312-cp312-manylinux_2_28_x86_64.whl", null),
                file("torch-2.12.0+cu126-cp312-cp312-manylinux_2_28_x86_64.whl", null));

        assertThat(installable.of(before, LINUX_CP312)).containsExactly(0);
        assertThat(installable.of(after, LINUX_CP312)).containsExactly(0, 1);
        assertThat(installable.of(before, LINUX_CP312)).isSameAs(installable.of(before, LINUX_CP312));
    }

    private static PackageEntry entry(IndexedFile... files) {
        return PackageEntry.of(Channel.STABLE, ComputeBackend.parse("cu126"), "torch", List.of(files),
                Instant.parse("2026-05-19T00:00:00Z"), CatalogSource.SNAPSHOT);
    }

    private static IndexedFile file(String name, String yanked) {
        return new IndexedFile(WheelFilename.parse(name), "https://example.invalid/" + name, null, null, false, null,
                yanked);
    }
}
