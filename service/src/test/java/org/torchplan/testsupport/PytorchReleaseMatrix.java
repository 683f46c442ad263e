package org.torchplan.testsupport;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.torchplan.catalog.model.CompanionReleaseTable;
import org.torchplan.packaging.Version;

/**
 * Which torch a generated companion wheel requires ({@code Requires-Dist: torch==X}), the way the real wheels do.
 * It states no pairs of its own: a companion release requires the torch release the service's
 * {@link CompanionReleaseTable} pairs it with, so the loopback index that pip reads and the planner work from one
 * table. A nightly ({@code .devYYYYMMDD}) requires the torch nightly built the same day, as the recorded nightly torch
 * pages name it (the service pairs nightlies by that date). Everything else requires no torch: torch itself,
 * pre-releases such as {@code 0.27.0rc1} or {@code 0.26.0a0}, and companion releases the table does not name (the
 * ones before torch 1.8, such as torchvision 0.2.0 or 0.8.2).
 */
public final class PytorchReleaseMatrix implements TorchVersionPairing {

    /** release {@code X.Y.Z}, an optional {@code .devDATE} (nightly), an optional local label (ignored). */
    private static final Pattern VERSION = Pattern.compile("(\\d+\\.\\d+\\.\\d+)(\\.dev(\\d{8}))?(\\+[A-Za-z0-9.]+)?");
    /** A torch nightly named on a recorded page: its version and its build date. */
    private static final Pattern TORCH_NIGHTLY = Pattern.compile("torch-(\\d+\\.\\d+\\.\\d+\\.dev(\\d{8}))");
    /** A backend folder on the recorded nightly listing. */
    private static final Pattern FOLDER = Pattern.compile("href=\"([A-Za-z0-9._-]+)/\"");

    /** Build date -> the torch nightly of that day, read from the recorded pages on first use. */
    private Map<String, String> torchNightlies;

    @Override
    public String pairedTorchVersion(String packageName, String version) {
        if (!CompanionReleaseTable.covers(packageName)) {
            return null;
        }
        Matcher matcher = VERSION.matcher(version);
        if (!matcher.matches()) {
            return null;
        }
        String date = matcher.group(3);
        if (date != null) {
            return torchNightlies().get(date);
        }
        return CompanionReleaseTable.torchReleaseOf(packageName, matcher.group(1)).orElse(null);
    }

    /** The torch nightlies of the recorded nightly pages, by build date (the newest version where a day has two). */
    synchronized Map<String, String> torchNightlies() {
        if (torchNightlies == null) {
            RecordedIndexPages pages = new RecordedIndexPages();
            Map<String, String> byDate = new HashMap<>();
            String listing = pages.page("whl/nightly/").orElse("");
            Matcher folders = FOLDER.matcher(listing);
            while (folders.find()) {
                pages.page("whl/nightly/" + folders.group(1) + "/torch/").ifPresent(page -> {
                    Matcher nightly = TORCH_NIGHTLY.matcher(page);
                    while (nightly.find()) {
                        byDate.merge(nightly.group(2), nightly.group(1), PytorchReleaseMatrix::newer);
                    }
                });
            }
            torchNightlies = Map.copyOf(byDate);
        }
        return torchNightlies;
    }

    private static String newer(String first, String second) {
        return Version.parse(first).compareTo(Version.parse(second)) >= 0 ? first : second;
    }
}
