package dev.tributary.processor.web;

import io.swagger.v3.core.jackson.ModelResolver;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI document's parts that the controllers do not say: what the API is, how to log in, and
 * the problem types. The same on every processor, so the served document and the checked-in copy
 * (docs/api/openapi.json) can be compared byte for byte.
 */
@Configuration(proxyBeanMethods = false)
class ApiDocument {

  /**
   * Schemas in the names the API's JSON uses. springdoc describes models with swagger-core's own
   * (Jackson 2) mapper, which does not know the services' snake_case naming.
   */
  @Bean
  ModelResolver snakeCaseModels() {
    return new ModelResolver(
        io.swagger.v3.core.util.Json.mapper()
            .copy()
            .setPropertyNamingStrategy(
                com.fasterxml.jackson.databind.PropertyNamingStrategies.SNAKE_CASE));
  }

  @Bean
  OpenApiCustomizer tributaryDocument() {
    return api ->
        api.info(
                new Info()
                    .title("Tributary processor API")
                    .version("v1")
                    .license(new License().name("Apache-2.0"))
                    .description(description()))
            .servers(List.of(new Server().url("/").description("this processor")))
            .components(
                (api.getComponents() == null ? new Components() : api.getComponents())
                    .addSecuritySchemes(
                        "basic",
                        new SecurityScheme()
                            .type(SecurityScheme.Type.HTTP)
                            .scheme("basic")
                            .description(
                                "tributary.security.users: GET needs the reader or operator"
                                    + " role, every other method the operator role")))
            .security(List.of(new SecurityRequirement().addList("basic")));
  }

  private static String description() {
    return """
        Create tasks from templates, find and read them, see each step and why it is (not) \
        running, act on them as an operator, and replay dead letters. Workers do not use this \
        API: they speak Kafka (see the AsyncAPI document).

        JSON names are snake_case. Lists are paged: pass a page's `next` back as the `cursor` \
        (or `after`) of the next request, with the same filters. A query parameter an endpoint \
        does not take is refused with a 400.

        Every failure is an RFC 9457 problem detail (`application/problem+json`) whose `type` is \
        one of these URIs, stable across releases:

        | type | status | meaning |
        |---|---|---|
        """
        + Arrays.stream(ProblemType.values())
            .map(t -> "| `" + t.uri() + "` | " + t.status().value() + " | " + t.meaning() + " |")
            .collect(Collectors.joining("\n"));
  }
}
