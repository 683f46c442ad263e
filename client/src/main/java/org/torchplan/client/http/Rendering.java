package org.torchplan.client.http;

/** The renderings of one plan the service offers. */
public enum Rendering {
    JSON("application/json, application/problem+json", null),
    SHELL_SCRIPT("text/x-shellscript, application/problem+json", null),
    REQUIREMENTS("text/plain, application/problem+json", "requirements");

    private final String accept;
    private final String formatParameter;

    Rendering(String accept, String formatParameter) {
        this.accept = accept;
        this.formatParameter = formatParameter;
    }

    String accept() {
        return accept;
    }

    /** The {@code ?format=} value, or null when the rendering is chosen by {@code Accept} alone. */
    String formatParameter() {
        return formatParameter;
    }
}
