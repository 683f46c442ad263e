package org.torchplan.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.torchplan.backend.ComputeBackend;
import org.torchplan.packaging.WheelFilename;

class UpstreamIndexTest {

    private static IndexedFile file(String url) {
        String name = IndexLinks.fileName(url);
        return new IndexedFile(WheelFilename.parse(name), url, null, null, false, null, null);
    }

    @Test
    void assignsFilesToTheBackendFolderTheyAreStoredIn() {
        Map<ComputeBackend, List<IndexedFile>> split = UpstreamIndex.splitByBackend(List.of(
                file("https://download.pytorch.org/whl/cu126/torch-2.7.0%2Bcu126-cp312-cp312-manylinux_2_28_x86_64.whl"),
                file("https://download.pytorch.org/whl/rocm6.2.4/torch-2.6.0%2Brocm6.2.4-cp312-cp312-manylinux_2_28_x86_64.whl"),
                file("https://download.pytorch.org/whl/nightly/cpu/torch-2.12.0.dev20260518%2Bcpu-cp312-cp312-manylinux_2_28_x86_64.whl")));

        assertThat(split).containsOnlyKeys(ComputeBackend.parse("cu126"), ComputeBackend.parse("rocm6.2.4"),
                ComputeBackend.CPU);
    }

    @Test
    void listsFilesStoredAtTheRootOnEveryBackendThatHasFilesOfItsOwn() {
        IndexedFile root = file("https://download-r2.pytorch.org/whl/torch-0.1.10.post1-cp27-none-macosx_10_7_x86_64.whl");
        IndexedFile cpu = file("https://download.pytorch.org/whl/cpu/torch-2.5.1%2Bcpu-cp312-cp312-linux_x86_64.whl");
        IndexedFile cuda = file("https://download.pytorch.org/whl/cu118/torch-2.5.1%2Bcu118-cp312-cp312-linux_x86_64.whl");

        Map<ComputeBackend, List<IndexedFile>> split = UpstreamIndex.splitByBackend(List.of(root, cpu, cuda));

        assertThat(split.get(ComputeBackend.CPU)).containsExactly(cpu, root);
        assertThat(split.get(ComputeBackend.parse("cu118"))).containsExactly(cuda, root);
    }

    @Test
    void readsTheBackendFromTheLocalLabelWhenAMirrorFlattensPaths() {
        IndexedFile flattened = file("https://artifactory.example/api/pypi/pytorch/packages/ab/cd/"
                + "torch-2.5.1%2Bcu124-cp312-cp312-linux_x86_64.whl");

        assertThat(UpstreamIndex.splitByBackend(List.of(flattened))).containsOnlyKeys(ComputeBackend.parse("cu124"));
    }
}
