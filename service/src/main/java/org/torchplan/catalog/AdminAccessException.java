package org.torchplan.catalog;

import org.springframework.http.HttpStatus;

/** An admin request that is not allowed: endpoints disabled (404), no credentials (401) or a wrong token (403). */
public final class AdminAccessException extends RuntimeException {

    private final HttpStatus status;
    private final String type;
    private final String title;

    private AdminAccessException(HttpStatus status, String type, String title, String message) {
        super(message, null, false, false);
        this.status = status;
        this.type = type;
        this.title = title;
    }

    static AdminAccessException disabled() {
        return new AdminAccessException(HttpStatus.NOT_FOUND, "admin-disabled", "Admin endpoints disabled",
                "the admin endpoints are disabled: set torchplan.admin.token to enable them");
    }

    static AdminAccessException missingCredentials() {
        return new AdminAccessException(HttpStatus.UNAUTHORIZED, "unauthorized", "Authentication required",
                "send the admin token as 'Authorization: Bearer <token>'");
    }

    static AdminAccessException wrongToken() {
        return new AdminAccessException(HttpStatus.FORBIDDEN, "forbidden", "Wrong admin token",
                "the bearer token is not the admin token");
    }

    public HttpStatus status() {
        return status;
    }

    public String type() {
        return type;
    }

    public String title() {
        return title;
    }
}
