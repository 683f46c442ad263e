package org.torchplan.backend;

/** Whether a build carries kernels for a device, as far as the recorded public facts establish. */
public enum Support {
    YES,
    NO,
    /** No public fact establishes the answer; callers must not treat this as either YES or NO. */
    UNKNOWN
}
