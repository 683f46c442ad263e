package org.torchplan.catalog.index;

import java.util.List;

/**
 * The links of one index page.
 *
 * @param links every link that named a file (wheel or not)
 * @param skipped anchors that named no usable URL (no href, a folder, junk)
 */
public record ParsedPage(List<IndexLink> links, int skipped) {

    public ParsedPage {
        links = List.copyOf(links);
    }
}
