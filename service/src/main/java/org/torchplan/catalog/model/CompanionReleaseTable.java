package org.torchplan.catalog.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which torchvision and torchaudio releases were published for which torch release: the pairing the planner uses for
 * companion wheels whose index entry offers no PEP 658 metadata to read the pin from. A torch release without a row
 * pairs with no companion (the planner then does not guess); a new release is one more row.
 *
 * <p>Sources, for the facts only: the compatibility table of the pytorch/vision README ("Installation"), the
 * compatibility matrix of pytorch/audio (its "Installing pre-built binaries" page), and the pip and conda commands of
 * pytorch.org "Installing previous versions of PyTorch" (pytorch.org/get-started/previous-versions), which name the
 * micro releases. Every release named here is on the recorded index of 2026-05-19 (see
 * {@code CompanionReleaseTableTest}) except the 1.8.2 LTS row, whose wheels live under {@code /whl/lts/1.8/}.
 * Where two companion releases were published for one torch, the row names both: torch 2.0.0's pip commands name
 * torchvision 0.15.1 and torchaudio 2.0.1, its conda commands 0.15.0 and 2.0.0, and both pairs are on the index;
 * torchvision 0.11.1 re-released 0.11.0 for torch 1.10.0. torchaudio had no release for torch 2.12.0.
 */
public final class CompanionReleaseTable {

    /** The companion packages the table has a column for. */
    public static final List<String> COMPANIONS = List.of("torchvision", "torchaudio");

    /** In a companion column: no release of that companion was published for the row's torch. */
    private static final String NONE = "-";

    /** One row per torch release; a cell naming two releases separates them with ", ". */
    private static final List<Row> ROWS = List.of(
            //  torch      torchvision       torchaudio
            row("1.8.0",  "0.9.0",          "0.8.0"),
            row("1.8.1",  "0.9.1",          "0.8.1"),
            row("1.8.2",  "0.9.2",          "0.8.2"), // LTS, on /whl/lts/1.8/ only
            row("1.9.0",  "0.10.0",         "0.9.0"),
            row("1.9.1",  "0.10.1",         "0.9.1"),
            row("1.10.0", "0.11.0, 0.11.1", "0.10.0"),
            row("1.10.1", "0.11.2",         "0.10.1"),
            row("1.10.2", "0.11.3",         "0.10.2"),
            row("1.11.0", "0.12.0",         "0.11.0"),
            row("1.12.0", "0.13.0",         "0.12.0"),
            row("1.12.1", "0.13.1",         "0.12.1"),
            row("1.13.0", "0.14.0",         "0.13.0"),
            row("1.13.1", "0.14.1",         "0.13.1"),
            row("2.0.0",  "0.15.1, 0.15.0", "2.0.1, 2.0.0"),
            row("2.0.1",  "0.15.2",         "2.0.2"),
            row("2.1.0",  "0.16.0",         "2.1.0"),
            row("2.1.1",  "0.16.1",         "2.1.1"),
            row("2.1.2",  "0.16.2",         "2.1.2"),
            row("2.2.0",  "0.17.0",         "2.2.0"),
            row("2.2.1",  "0.17.1",         "2.2.1"),
            row("2.2.2",  "0.17.2",         "2.2.2"),
            row("2.3.0",  "0.18.0",         "2.3.0"),
            row("2.3.1",  "0.18.1",         "2.3.1"),
            row("2.4.0",  "0.19.0",         "2.4.0"),
            row("2.4.1",  "0.19.1",         "2.4.1"),
            row("2.5.0",  "0.20.0",         "2.5.0"),
            row("2.5.1",  "0.20.1",         "2.5.1"),
            row("2.6.0",  "0.21.0",         "2.6.0"),
            row("2.7.0",  "0.22.0",         "2.7.0"),
            row("2.7.1",  "0.22.1",         "2.7.1"),
            row("2.8.0",  "0.23.0",         "2.8.0"),
            row("2.9.0",  "0.24.0",         "2.9.0"),
            row("2.9.1",  "0.24.1",         "2.9.1"),
            row("2.10.0", "0.25.0",         "2.10.0"),
            row("2.11.0", "0.26.0",         "2.11.0"),
            row("2.12.0", "0.27.0",         NONE));

    /** companion -> torch release -> its releases of the companion (empty: none was published). */
    private static final Map<String, Map<String, List<String>>> BY_TORCH = new HashMap<>();
    /** companion -> companion release -> the torch release it was published for. */
    private static final Map<String, Map<String, String>> BY_COMPANION = new HashMap<>();

    static {
        for (String companion : COMPANIONS) {
            Map<String, List<String>> byTorch = new HashMap<>();
            Map<String, String> byCompanion = new HashMap<>();
            for (Row row : ROWS) {
                if (byTorch.put(row.torch(), row.releases(companion)) != null) {
                    throw new IllegalStateException("two rows for torch " + row.torch());
                }
                for (String release : row.releases(companion)) {
                    String earlier = byCompanion.put(release, row.torch());
                    if (earlier != null) {
                        throw new IllegalStateException(companion + " " + release + " is in the rows of torch "
                                + earlier + " and " + row.torch());
                    }
                }
            }
            BY_TORCH.put(companion, Map.copyOf(byTorch));
            BY_COMPANION.put(companion, Map.copyOf(byCompanion));
        }
    }

    private CompanionReleaseTable() {}

    /**
     * One torch release and the companion releases published for it.
     *
     * @param torch the torch release, {@code major.minor.micro}
     * @param companions companion package -> its releases for this torch (an empty list: none was published)
     */
    public record Row(String torch, Map<String, List<String>> companions) {

        public Row {
            companions = Collections.unmodifiableMap(new LinkedHashMap<>(companions));
        }

        /** The releases of {@code companion} published for this torch; empty when none was. */
        public List<String> releases(String companion) {
            return companions.getOrDefault(companion, List.of());
        }
    }

    /** Every row, oldest torch first. */
    public static List<Row> rows() {
        return ROWS;
    }

    /** Whether the table has a column for the companion package (normalized name). */
    public static boolean covers(String companionPackage) {
        return BY_TORCH.containsKey(companionPackage);
    }

    /**
     * The releases of {@code companionPackage} published for the torch release {@code major.minor.micro}: an empty
     * list when the table says none was, null when the table has no row for that torch or no column for the package.
     */
    public static List<String> releasesFor(String companionPackage, int major, int minor, int micro) {
        Map<String, List<String>> byTorch = BY_TORCH.get(companionPackage);
        return byTorch == null ? null : byTorch.get(major + "." + minor + "." + micro);
    }

    /** The torch release ({@code major.minor.micro}) a companion release was published for, by the table. */
    public static Optional<String> torchReleaseOf(String companionPackage, String companionRelease) {
        return Optional.ofNullable(BY_COMPANION.getOrDefault(companionPackage, Map.of()).get(companionRelease));
    }

    private static Row row(String torch, String torchvision, String torchaudio) {
        Map<String, List<String>> companions = new LinkedHashMap<>();
        companions.put("torchvision", releases(torchvision));
        companions.put("torchaudio", releases(torchaudio));
        return new Row(torch, companions);
    }

    private static List<String> releases(String cell) {
        if (cell.equals(NONE)) {
            return List.of();
        }
        List<String> releases = new ArrayList<>();
        for (String release : cell.split(", ")) {
            releases.add(release.strip());
        }
        return List.copyOf(releases);
    }
}
