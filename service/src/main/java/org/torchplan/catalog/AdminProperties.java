package org.torchplan.catalog;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The admin endpoints' settings, from {@code torchplan.admin.*}.
 *
 * @param token the bearer token admin requests must present; without one the admin endpoints are disabled
 */
@ConfigurationProperties("torchplan.admin")
public record AdminProperties(String token) {

    public AdminProperties {
        token = token == null || token.isBlank() ? null : token.strip();
    }

    public boolean enabled() {
        return token != null;
    }
}
