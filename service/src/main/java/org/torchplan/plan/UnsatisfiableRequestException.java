package org.torchplan.plan;

import java.util.List;

/** No candidate backend has a full set of qualifying wheels; carries one reason per candidate backend. */
public final class UnsatisfiableRequestException extends RuntimeException {

    private final List<String> reasons;

    public UnsatisfiableRequestException(String message, List<String> reasons) {
        super(message, null, false, false);
        this.reasons = List.copyOf(reasons);
    }

    public List<String> reasons() {
        return reasons;
    }
}
