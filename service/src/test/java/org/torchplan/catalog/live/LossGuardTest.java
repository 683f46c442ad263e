package org.torchplan.catalog.live;

import org.torchplan.catalog.model.CatalogSource;
import org.torchplan.catalog.model.Channel;
import org.torchplan.catalog.model.IndexedFile;
import org.torchplan.catalog.model.PackageEntry;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.torchplan.backend.ComputeBackend;
import org.torchplan.packaging.WheelFilename;

class LossGuardTest {

    private static PackageEntry entryWith(int files) {
        List<IndexedFile> list = new ArrayList<>();
        for (int index = 0; index < files; index++) {
            list.add(new IndexedFile(WheelFilename.parse("torch-2." + index + ".0-cp312-cp312-linux_x86_64.whl"),
                    "https://example.org/torch-2." + index + ".0-cp312-cp312-linux_x86_64.whl", null, null, false, null,
                    null));
        }
        return PackageEntry.of(Channel.STABLE, ComputeBackend.CPU, "torch", list, Instant.EPOCH, CatalogSource.LIVE);
    }

    @ParameterizedTest(name = "{0} known, {1} new: refused={2}")
    @CsvSource({
        "0, 0, false",
        "0, 5, false",
        "10, 0, true",
        "10, 4, true",
        "10, 5, false",
        "10, 10, false",
        "10, 30, false",
        "1, 1, false",
    })
    void refusesPagesThatWouldLoseMostOfAnEntry(int known, int fresh, boolean refused) {
        PackageEntry previous = known == 0 ? null : entryWith(known);

        assertThat(LossGuard.refusal(previous, fresh, 3, 0.5).isPresent()).isEqualTo(refused);
    }

    @ParameterizedTest(name = "{0} known, {1} new: shrink={2}")
    @CsvSource({
        "0, 1, false",
        "10, 0, false",
        "10, 4, true",
        "10, 5, false",
    })
    void aShrinkIsFewerWheelsButSome(int known, int fresh, boolean shrink) {
        PackageEntry previous = known == 0 ? null : entryWith(known);

        assertThat(LossGuard.isShrink(previous, fresh, 0.5)).isEqualTo(shrink);
    }
}
