package org.torchplan.plan;

/** The request names explicitly what the fleet policy forbids (a backend or a channel). */
public final class PolicyViolationException extends RuntimeException {

    private final String rule;

    /** @param rule the policy property that forbids it, e.g. {@code torchplan.policy.allowed-backends} */
    public PolicyViolationException(String rule, String message) {
        super(message, null, false, false);
        this.rule = rule;
    }

    public String rule() {
        return rule;
    }
}
