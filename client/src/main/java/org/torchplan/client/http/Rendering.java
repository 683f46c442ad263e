package org.torchplan.client.http;

/** The renderings of one plan the service offers. */
public enum Rendering {
    JSON("application/json", null),
    SHELL_SCRIPT("text/x-shellscript", null),
    REQUIREMENTS("text/plain", "requirements");

    private final String answerType;
    private final String formatParameter;

    Rendering(String answerType, String formatParameter) {
        this.answerType = answerType;
        this.formatParameter = formatParameter;
    }

    /** The only content type read as this rendering: anything else (a proxy's page, say) is not a plan. */
    String answerType() {
        return answerType;
    }

    String accept() {
        return answerType + ", application/problem+json";
    }

    /** The {@code ?format=} value, or null when the rendering is chosen by {@code Accept} alone. */
    String formatParameter() {
        return formatParameter;
    }
}
