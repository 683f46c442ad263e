package org.torchplan.api;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.tags.Tag;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The served spec's face: its title, description and tag list, so that /v3/api-docs and Swagger UI say what the
 * committed openapi.yaml says ({@code OpenApiContractTest} compares them).
 */
@Configuration(proxyBeanMethods = false)
class ApiDocumentation {

    static final String TITLE = "torchplan";
    static final String VERSION = "0.1.0";

    private static final String DESCRIPTION = """
            Given a machine (driver, OS, Python) and requirements, torchplan answers with the exact PyTorch wheels and the
            pip commands that install them, and says why. Plans follow the selection rules in the README ("How a plan is
            chosen"), under the fleet policy shown at `GET /policy`. A page for people is served at `/`.

            Errors are RFC 9457 problem documents (`application/problem+json`): 400 names each bad field in `errors`,
            403 names the policy `rule`, 413 for bodies over 64 KiB, 422 gives one of `reasons` per candidate backend.
            """;

    @Bean
    OpenAPI torchplanOpenApi() {
        return new OpenAPI()
                .info(new Info()
                        .title(TITLE)
                        .version(VERSION)
                        .summary("Install plans for PyTorch wheels, as a service.")
                        .description(DESCRIPTION)
                        .license(new License().name("Apache-2.0").identifier("Apache-2.0")))
                .tags(List.of(
                        new Tag().name("plan").description("Install plans"),
                        new Tag().name("backends").description("Compute backends"),
                        new Tag().name("policy").description("The fleet policy"),
                        new Tag().name("catalog").description("What the catalog of the PyTorch indices holds"),
                        new Tag().name("admin").description("Operations; disabled unless torchplan.admin.token is set")));
    }
}
