package dev.tributary.processor.security;

import dev.tributary.service.security.ServiceHttpSecurity;
import dev.tributary.service.security.ServiceSecurityProperties;
import dev.tributary.service.security.ServiceSecurityProperties.Role;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.firewall.RequestRejectedHandler;

/**
 * The API's access rules: GET for readers and operators (the API, its OpenAPI document and the
 * console), everything else for operators only. The actuator as {@link ServiceHttpSecurity} has it
 * for both services: the health probes open, metrics and info for readers and operators. The users
 * are {@code tributary.security.users}.
 */
@Configuration(proxyBeanMethods = false)
class ApiSecurity {

  @Bean
  SecurityFilterChain apiFilterChain(HttpSecurity http, ServiceSecurityProperties properties)
      throws Exception {
    return ServiceHttpSecurity.filterChain(
        http,
        properties,
        "this needs the operator role",
        a ->
            a.requestMatchers(
                    HttpMethod.GET,
                    "/api/**",
                    "/console",
                    "/console/**",
                    "/v3/api-docs",
                    "/v3/api-docs/**",
                    "/v3/api-docs.yaml")
                .hasAnyRole(Role.READER.name(), Role.OPERATOR.name())
                .anyRequest()
                .hasRole(Role.OPERATOR.name()));
  }

  /**
   * A URL the firewall rejects (e.g. a ';' or an encoded '/' in a path value) is a 400 problem
   * detail. Without this the rejection is rethrown, the container's error dispatch runs
   * unauthenticated, and the caller gets a 401 that blames its credentials.
   */
  @Bean
  RequestRejectedHandler requestRejectedHandler() {
    return (request, response, rejection) ->
        ServiceHttpSecurity.problem(
            response,
            HttpStatus.BAD_REQUEST,
            "request rejected: the URL contains characters the API does not accept, such as ';',"
                + " an encoded '/' or '..'");
  }
}
