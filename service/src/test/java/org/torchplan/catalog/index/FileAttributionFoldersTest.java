package org.torchplan.catalog.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashSet;
import java.util.Set;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.torchplan.catalog.model.IndexedFile;
import org.torchplan.catalog.model.PackageEntry;
import org.torchplan.catalog.storage.EmbeddedSnapshot;

/**
 * The folders above a file are cut from its URL by hand for speed (a catalog load reads tens of thousands); OkHttp's
 * parser is the reference, and the two must agree on every URL.
 */
class FileAttributionFoldersTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "https://download.pytorch.org/whl/cu126/torch-2.7.0%2Bcu126-cp312-cp312-manylinux_2_28_x86_64.whl",
            "https://download.pytorch.org/whl/cu126/torch-2.7.0+cu126-cp312-cp312-manylinux_2_28_x86_64.whl",
            "https://download.pytorch.org/whl/torch-2.7.0-cp312-none-macosx_11_0_arm64.whl",
            "https://download.pytorch.org/whl/nightly/cu130/torch-2.13.0.dev20260518%2Bcu130-cp313-cp313-win_amd64.whl",
            "https://download-r2.pytorch.org/whl/lts/1.8/cu111/torch-1.8.2%2Bcu111-cp39-cp39-linux_x86_64.whl",
            "HTTPS://Mirror.Example:8443/pytorch/whl/cpu/torch-2.8.0+cpu-cp311-cp311-linux_x86_64.whl",
            "http://127.0.0.1:8080/cu128/torch-2.8.0+cu128-cp311-cp311-linux_x86_64.whl?token=x#sha256=ab",
            "https://mirror.example/a//b/torch-2.8.0-cp311-cp311-linux_x86_64.whl",
            "https://mirror.example/whl/./cu126/../cpu/torch-2.8.0-cp311-cp311-linux_x86_64.whl",
            "https://user:secret@mirror.example/whl/cpu/torch-2.8.0-cp311-cp311-linux_x86_64.whl",
            "https://mirror.example/whl\\\\cu126\\\\torch-2.8.0-cp311-cp311-linux_x86_64.whl",
            "https://mirror.example/wh%6C/c%75126/torch-2.8.0-cp311-cp311-linux_x86_64.whl",
            "https://mirror.example/torch.whl",
            "https://mirror.example",
            "ftp://mirror.example/whl/cu126/torch-2.8.0-cp311-cp311-linux_x86_64.whl",
            "not a url",
            "/whl/cu126/torch-2.8.0-cp311-cp311-linux_x86_64.whl"})
    void cutsTheFoldersOfAUrlAsOkHttpReadsThem(String url) {
        assertThat(FileAttribution.parentFolders(url)).containsExactly(reference(url));
    }

    @Test
    void agreesWithOkHttpOnEveryUrlOfTheEmbeddedSnapshot() {
        Set<String> urls = new LinkedHashSet<>();
        for (PackageEntry entry : EmbeddedSnapshot.load().entries()) {
            for (IndexedFile file : entry.files()) {
                urls.add(file.url());
            }
        }

        assertThat(urls).hasSizeGreaterThan(10_000);
        for (String url : urls) {
            assertThat(FileAttribution.parentFolders(url)).as(url).containsExactly(reference(url));
        }
    }

    private static String[] reference(String url) {
        HttpUrl parsed = HttpUrl.parse(url);
        int size = parsed == null ? 0 : parsed.pathSize();
        return new String[] {
            size >= 3 ? parsed.pathSegments().get(size - 3) : "",
            size >= 2 ? parsed.pathSegments().get(size - 2) : ""};
    }
}
