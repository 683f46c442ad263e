package org.torchplan.plan;

import java.util.ArrayList;
import java.util.List;
import org.torchplan.catalog.model.CatalogStatus;

/**
 * No candidate backend has a full set of qualifying wheels; carries one reason per candidate backend, and the
 * status of the catalog entries the answer rests on (null when it was decided before reading any).
 */
public final class UnsatisfiableRequestException extends RuntimeException {

    private final List<String> reasons;
    private final transient CatalogStatus catalog;

    public UnsatisfiableRequestException(String message, List<String> reasons) {
        this(message, reasons, null);
    }

    public UnsatisfiableRequestException(String message, List<String> reasons, CatalogStatus catalog) {
        super(message, null, false, false);
        this.reasons = List.copyOf(reasons);
        this.catalog = catalog;
    }

    public List<String> reasons() {
        return reasons;
    }

    public CatalogStatus catalog() {
        return catalog;
    }

    /** The same answer with one more reason (what the caller should know about the catalog) and status. */
    public UnsatisfiableRequestException with(String reason, CatalogStatus status) {
        List<String> all = new ArrayList<>(reasons);
        all.add(reason);
        return new UnsatisfiableRequestException(getMessage(), all, status);
    }
}
