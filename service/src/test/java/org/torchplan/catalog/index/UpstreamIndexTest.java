package org.torchplan.catalog.index;

import org.torchplan.catalog.model.Channel;
import org.torchplan.catalog.model.IndexedFile;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.torchplan.backend.ComputeBackend;
import org.torchplan.packaging.WheelFilename;

class UpstreamIndexTest {

    private static IndexedFile file(String url) {
        String name = IndexLinks.fileName(url);
        return new IndexedFile(WheelFilename.parse(name), url, null, null, false, null, null);
    }

    private static Map<ComputeBackend, List<IndexedFile>> split(List<IndexedFile> files) {
        return UpstreamIndex.splitByBackend(files, Channel.STABLE, new TreeMap<>());
    }

    @Test
    void assignsFilesToTheBackendFolderTheyAreStoredIn() {
        Map<ComputeBackend, List<IndexedFile>> split = split(List.of(
                file("https://download.pytorch.org/whl/cu126/torch-2.7.0%2Bcu126-cp312-cp312-manylinux_2_28_x86_64.whl"),
                file("https://download.pytorch.org/whl/rocm6.2.4/torch-2.6.0%2Brocm6.2.4-cp312-cp312-manylinux_2_28_x86_64.whl"),
                file("https://download.pytorch.org/whl/cpu/torch-2.12.0%2Bcpu-cp312-cp312-manylinux_2_28_x86_64.whl")));

        assertThat(split).containsOnlyKeys(ComputeBackend.parse("cu126"), ComputeBackend.parse("rocm6.2.4"),
                ComputeBackend.CPU);
    }

    @Test
    void listsFilesStoredAtTheRootOnEveryBackendThatHasFilesOfItsOwn() {
        IndexedFile root = file("https://download-r2.pytorch.org/whl/torch-0.1.10.post1-cp27-none-macosx_10_7_x86_64.whl");
        IndexedFile cpu = file("https://download.pytorch.org/whl/cpu/torch-2.5.1%2Bcpu-cp312-cp312-linux_x86_64.whl");
        IndexedFile cuda = file("https://download.pytorch.org/whl/cu118/torch-2.5.1%2Bcu118-cp312-cp312-linux_x86_64.whl");

        Map<ComputeBackend, List<IndexedFile>> split = split(List.of(root, cpu, cuda));

        assertThat(split.get(ComputeBackend.CPU)).containsExactly(cpu, root);
        assertThat(split.get(ComputeBackend.parse("cu118"))).containsExactly(cuda, root);
    }

    @Test
    void readsTheBackendFromTheLocalLabelWhenAMirrorFlattensPaths() {
        IndexedFile flattened = file("https://artifactory.example/api/pypi/pytorch/packages/ab/cd/"
                + "torch-2.5.1%2Bcu124-cp312-cp312-linux_x86_64.whl");

        assertThat(split(List.of(flattened))).containsOnlyKeys(ComputeBackend.parse("cu124"));
    }

    /**
     * The all-backends page of the index before 2025-12-30 also listed folders that are not backends. Their files
     * once landed on every backend (cpu plans pinned {@code +cpu.cxx11.abi}, a ROCm machine got a cu117 build).
     */
    @Test
    void keepsFilesOfFoldersThatAreNotBackendsApartAndCountsThem() {
        IndexedFile cpu = file("https://download.pytorch.org/whl/cpu/torch-2.4.1%2Bcpu-cp312-cp312-linux_x86_64.whl");
        IndexedFile cxx11 = file("https://download.pytorch.org/whl/cpu-cxx11-abi/"
                + "torch-2.4.1%2Bcpu.cxx11.abi-cp312-cp312-linux_x86_64.whl");
        IndexedFile pypiCudnn = file("https://download.pytorch.org/whl/cu117_pypi_cudnn/"
                + "torch-1.13.1%2Bcu117.with.pypi.cudnn-cp310-cp310-linux_x86_64.whl");
        IndexedFile rocm = file("https://download.pytorch.org/whl/rocm6.2/torch-2.5.1%2Brocm6.2-cp312-cp312-linux_x86_64.whl");
        Map<String, Integer> unattributed = new TreeMap<>();

        Map<ComputeBackend, List<IndexedFile>> split =
                UpstreamIndex.splitByBackend(List.of(cpu, cxx11, pypiCudnn, rocm), Channel.STABLE, unattributed);

        assertThat(split.get(ComputeBackend.CPU)).containsExactly(cpu);
        assertThat(split.get(ComputeBackend.parse("rocm6.2"))).containsExactly(rocm);
        assertThat(split).containsOnlyKeys(ComputeBackend.CPU, ComputeBackend.parse("rocm6.2"));
        assertThat(unattributed).containsExactly(Map.entry("cpu-cxx11-abi", 1), Map.entry("cu117_pypi_cudnn", 1));
    }

    @Test
    void aVariantLabelInABackendFolderIsNotThatBackendsBuild() {
        IndexedFile variant = file("https://download.pytorch.org/whl/cpu/torch-2.4.1%2Bcpu.cxx11.abi-cp312-cp312-linux_x86_64.whl");
        IndexedFile foreignKind = file("https://download.pytorch.org/whl/cu126/torch-2.4.1%2Bcpu-cp312-cp312-linux_x86_64.whl");
        Map<String, Integer> unattributed = new TreeMap<>();

        assertThat(UpstreamIndex.splitByBackend(List.of(variant, foreignKind), Channel.STABLE, unattributed)).isEmpty();
        assertThat(unattributed).containsOnlyKeys("cpu (+cpu.cxx11.abi)", "cu126 (+cpu)");
    }

    /** Labels the real index carries in backend folders (recorded 2026-05-19): build numbers, git hashes, dates. */
    @ParameterizedTest
    @CsvSource({
        "rocm6.3, torch-2.7.1%2Brocm6.3.42131.fa1d09cbd-cp312-cp312-linux_x86_64.whl",
        "rocm6.2.4, fbgemm_gpu-1.1.0%2Brocm6.2-cp310-cp310-manylinux2014_x86_64.whl",
        "cpu, torchvision-0.24.0%2B0429d73-cp311-cp311-win_arm64.whl",
        "cu128, xformers-0.0.33%2B5d4b92a5.d20251026-cp39-abi3-linux_x86_64.whl",
        "cu126, torch-2.7.0-cp312-none-macosx_11_0_arm64.whl"
    })
    void buildNumbersHashesAndDatesInALabelKeepTheFolderBackend(String backend, String fileName) {
        IndexedFile file = file("https://download.pytorch.org/whl/" + backend + "/" + fileName);

        assertThat(FileAttribution.of(file, Channel.STABLE))
                .isEqualTo(new FileAttribution.Backend(ComputeBackend.parse(backend)));
    }

    @ParameterizedTest
    @CsvSource({
        "https://download.pytorch.org/whl/nightly/cu126/torch-2.12.0.dev20260518%2Bcu126-cp312-cp312-linux_x86_64.whl, nightly/cu126",
        "https://download.pytorch.org/whl/lts/1.8/cu111/torch-1.8.2%2Bcu111-cp38-cp38-linux_x86_64.whl, 1.8/cu111",
        "https://download.pytorch.org/whl/cu12.6/torch-2.7.0%2Bcu126-cp312-cp312-linux_x86_64.whl, cu12.6",
        "https://download.pytorch.org/whl/torch-2.4.1%2Bcpu.cxx11.abi-cp312-cp312-linux_x86_64.whl, +cpu.cxx11.abi",
        "https://download.pytorch.org/whl/torch-2.4.1%2B5d4b92a-cp312-cp312-linux_x86_64.whl, +5d4b92a"
    })
    void filesOfOtherChannelsLinesAndSpellingsAreNotStableBackendFiles(String url, String group) {
        assertThat(FileAttribution.of(file(url), Channel.STABLE)).isEqualTo(new FileAttribution.Unattributed(group));
    }

    @Test
    void aNightlyBackendFolderBelongsToTheNightlyChannelOnly() {
        IndexedFile nightly = file("https://download.pytorch.org/whl/nightly/cu126/"
                + "torch-2.12.0.dev20260518%2Bcu126-cp312-cp312-linux_x86_64.whl");

        assertThat(FileAttribution.of(nightly, Channel.NIGHTLY))
                .isEqualTo(new FileAttribution.Backend(ComputeBackend.parse("cu126")));
        assertThat(FileAttribution.of(nightly, Channel.TEST)).isInstanceOf(FileAttribution.Unattributed.class);
    }
}
