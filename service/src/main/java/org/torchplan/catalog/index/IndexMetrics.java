package org.torchplan.catalog.index;

/** What the index client counts; the live catalog records it (in Micrometer), the index client knows no registry. */
public interface IndexMetrics {

    /** Counts nothing: for tools and tests that read an index without a registry. */
    IndexMetrics NONE = new IndexMetrics() {
        @Override
        public void fetched() {}

        @Override
        public void fetchFailed() {}

        @Override
        public void bytesReceived(long count) {}

        @Override
        public void skipped(int count) {}
    };

    /** One HTTP request sent. */
    void fetched();

    /** A fetch failed after its retries (I/O error or error status). */
    void fetchFailed();

    void bytesReceived(long count);

    /** Links dropped because they are not wheels of the page's package. */
    void skipped(int count);

    /** Links to {@code .whl} files whose names do not parse: dropped, and the page reported as suspect. */
    default void unparseableWheelNames(int count) {}

    /** Wheels kept whose Requires-Python does not parse: ignored in plans, as pip ignores it. */
    default void unparseableRequiresPython(int count) {}
}
