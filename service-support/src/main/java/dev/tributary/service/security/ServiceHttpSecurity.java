package dev.tributary.service.security;

import dev.tributary.service.security.ServiceSecurityProperties.Role;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/**
 * What both services' HTTP security has in common: stateless HTTP Basic (no sessions, and no CSRF
 * protection: there are no browser sessions to forge), refusals as problem details, the health
 * probes open and every other actuator endpoint for users of either role. Each service adds the
 * rules of its own endpoints. The chain covers the management port too (Spring Boot registers it in
 * the management server's context).
 */
public final class ServiceHttpSecurity {

  /**
   * What the kubelet probes, which cannot log in: open, and they answer a status without details.
   * Paths under Spring Boot's default actuator base path, which the services keep.
   */
  public static final List<String> PROBES =
      List.of("/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness");

  /**
   * Every other actuator endpoint (metrics, info, the health of each component) needs a user:
   * metrics tell who uses Tributary, for what and how much.
   */
  public static final String ACTUATOR = "/actuator/**";

  /** The rules a service adds for its own endpoints, after the actuator's. */
  public interface Rules
      extends Customizer<
          AuthorizeHttpRequestsConfigurer<HttpSecurity>
              .AuthorizationManagerRequestMatcherRegistry> {}

  private ServiceHttpSecurity() {}

  /**
   * The service's filter chain.
   *
   * @param forbidden the detail of a 403: which role the refused request needs
   * @param rules the service's own rules; requests they do not match are for the service to refuse
   */
  public static SecurityFilterChain filterChain(
      HttpSecurity http, ServiceSecurityProperties properties, String forbidden, Rules rules)
      throws Exception {
    http.csrf(csrf -> csrf.disable())
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .exceptionHandling(
            e ->
                e.authenticationEntryPoint(
                        (request, response, failure) ->
                            problem(response, HttpStatus.UNAUTHORIZED, "authentication required"))
                    .accessDeniedHandler(
                        (request, response, failure) ->
                            problem(response, HttpStatus.FORBIDDEN, forbidden)));
    if (!properties.enabled()) {
      return http.authorizeHttpRequests(a -> a.anyRequest().permitAll()).build();
    }
    return http.httpBasic(Customizer.withDefaults())
        .authorizeHttpRequests(
            a -> {
              a.requestMatchers(PROBES.toArray(String[]::new))
                  .permitAll()
                  .requestMatchers(ACTUATOR)
                  .hasAnyRole(Role.READER.name(), Role.OPERATOR.name());
              rules.customize(a);
            })
        .build();
  }

  /**
   * A problem type of the services' APIs: a URN that names a kind of failure, stable across
   * releases, e.g. {@code urn:tributary:problem:forbidden}.
   */
  public static URI problemType(String name) {
    return URI.create("urn:tributary:problem:" + name);
  }

  /**
   * Writes a problem detail. Its texts are constants of this code base, so the JSON is written
   * directly, without escaping.
   */
  public static void problem(HttpServletResponse response, HttpStatus status, String detail)
      throws IOException {
    response.setStatus(status.value());
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    response.setCharacterEncoding("UTF-8");
    if (status == HttpStatus.UNAUTHORIZED) {
      response.setHeader("WWW-Authenticate", "Basic realm=\"tributary\"");
    }
    response
        .getWriter()
        .write(
            "{\"type\":\""
                + problemType(
                    switch (status) {
                      case UNAUTHORIZED -> "unauthorized";
                      case FORBIDDEN -> "forbidden";
                      default -> "invalid-request";
                    })
                + "\",\"title\":\""
                + status.getReasonPhrase()
                + "\",\"status\":"
                + status.value()
                + ",\"detail\":\""
                + detail
                + "\"}");
  }
}
