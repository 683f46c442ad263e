package org.torchplan.testsupport;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The recorded index as a mirror could serve it on another day, with each shape that once broke plans:
 * <ul>
 *   <li>all-backends pages ({@code whl/torch/}) that, like the index before 2025-12-30, also list folders that are
 *       not backends ({@code cpu-cxx11-abi/}, {@code cu121_pypi_cudnn/}) with labels such as {@code +cpu.cxx11.abi},
 *       and a root file with such a label; these carry versions newer than anything real, so a leak shows;</li>
 *   <li>a backend ({@code xpu}) whose pages list no wheels, while the embedded snapshot has them;</li>
 *   <li>a release the snapshot has and this mirror does not ({@link #DROPPED_TORCH} and its companions);</li>
 *   <li>a companion release no metadata and no release table pairs with any torch ({@link #UNPAIRED_TORCHVISION}).</li>
 * </ul>
 * Per-backend pages list what pip sees there: the backend's own folder and the root files, never the extra folders.
 */
public final class VariedIndexPages implements Function<String, Optional<String>> {

    /** torch 2.12.0 and its companions are on the snapshot but not on this mirror. */
    public static final String DROPPED_TORCH = "2.12.0";
    public static final String DROPPED_TORCHVISION = "0.27.0";
    /** A torchvision the release table does not know, on the cpu backend. */
    public static final String UNPAIRED_TORCHVISION = "0.40.0";
    /** The version of the files stored in the folders that are not backends. */
    public static final String VARIANT_VERSION = "2.99.0";

    private static final List<String> PACKAGES = List.of("torch", "torchvision", "torchaudio");
    private static final Pattern ANCHOR_LINE = Pattern.compile("(?m)^\\s*<a href=\"([^\"#]*)[^\"]*\"[^>]*>[^<]*</a><br/>\\s*$");
    private static final Pattern ROOT_LINK = Pattern.compile("href=\"([a-z0-9.]+)/\"");
    private static final String HOST = "https://download.pytorch.org/whl/";

    private final RecordedIndexPages recorded = new RecordedIndexPages();

    @Override
    public Optional<String> apply(String directory) {
        String[] segments = directory.split("/");
        if (segments.length == 2 && segments[0].equals("whl") && PACKAGES.contains(segments[1])) {
            return Optional.of(allBackendsPage(segments[1]));
        }
        if (segments.length == 3 && segments[0].equals("whl") && PACKAGES.contains(segments[2])) {
            return recorded.page(directory).map(page -> backendPage(segments[1], segments[2], page));
        }
        return recorded.page(directory);
    }

    private String backendPage(String backend, String packageName, String page) {
        List<String> anchors = new ArrayList<>();
        for (String anchor : anchors(page)) {
            if (!backend.equals("xpu") && !dropped(anchor)) {
                anchors.add(anchor);
            }
        }
        if (backend.equals("cpu") && packageName.equals("torchvision")) {
            anchors.add(anchor(HOST + "cpu/torchvision-" + UNPAIRED_TORCHVISION + "%2Bcpu-cp312-cp312-manylinux_2_28_x86_64.whl"));
        }
        return page(packageName, anchors);
    }

    /** Every backend's own files and the root files once, as the index's {@code /whl/<package>/} lists them. */
    private String allBackendsPage(String packageName) {
        Set<String> anchors = new LinkedHashSet<>();
        for (String backend : backends()) {
            recorded.page("whl/" + backend + "/" + packageName + "/")
                    .ifPresent(page -> anchors.addAll(anchors(backendPage(backend, packageName, page))));
        }
        String wheel = "-cp312-cp312-manylinux_2_28_x86_64.whl";
        String name = packageName + "-" + (packageName.equals("torchvision") ? "0.99.0" : VARIANT_VERSION);
        anchors.add(anchor(HOST + "cpu-cxx11-abi/" + name + "%2Bcpu.cxx11.abi" + wheel));
        anchors.add(anchor(HOST + "cu121_pypi_cudnn/" + name + "%2Bcu121.with.pypi.cudnn" + wheel));
        anchors.add(anchor(HOST + "cu126_full/" + name + "%2Bcu126.full" + wheel));
        anchors.add(anchor(HOST + name + "%2Bcpu.cxx11.abi" + wheel));
        return page(packageName, new ArrayList<>(anchors));
    }

    /** The backend folders of the recorded root listing. */
    private List<String> backends() {
        List<String> backends = new ArrayList<>();
        Matcher link = ROOT_LINK.matcher(recorded.page("whl/").orElseThrow());
        while (link.find()) {
            if (recorded.page("whl/" + link.group(1) + "/torch/").isPresent()) {
                backends.add(link.group(1));
            }
        }
        return backends;
    }

    private static boolean dropped(String anchor) {
        return anchor.contains("/torch-" + DROPPED_TORCH) || anchor.contains("/torchvision-" + DROPPED_TORCHVISION)
                || anchor.contains("/torchaudio-" + DROPPED_TORCH);
    }

    private static List<String> anchors(String page) {
        List<String> anchors = new ArrayList<>();
        Matcher line = ANCHOR_LINE.matcher(page);
        while (line.find()) {
            anchors.add(line.group().strip());
        }
        return anchors;
    }

    private static String anchor(String url) {
        String fileName = url.substring(url.lastIndexOf('/') + 1).replace("%2B", "+");
        return "<a href=\"" + url + "\">" + fileName + "</a><br/>";
    }

    private static String page(String packageName, List<String> anchors) {
        StringBuilder page = new StringBuilder("<!DOCTYPE html>\n<html>\n  <body>\n    <h1>Links for ")
                .append(packageName).append("</h1>\n");
        for (String anchor : anchors) {
            page.append("    ").append(anchor).append('\n');
        }
        return page.append("  </body>\n</html>\n").toString();
    }
}
