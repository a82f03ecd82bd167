package dev.tributary.processor.security;

import dev.tributary.processor.security.ApiSecurityProperties.Role;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.firewall.RequestRejectedHandler;

/**
 * The API's access rules: GET for readers and operators, everything else for operators only;
 * health, info and Prometheus metrics open (a NetworkPolicy keeps them in the cluster). Stateless
 * HTTP Basic, no sessions, no CSRF (no browser sessions to forge). Refusals are problem details
 * (their texts are constants, so the JSON is written directly).
 */
@Configuration(proxyBeanMethods = false)
class ApiSecurity {

  @Bean
  SecurityFilterChain apiFilterChain(HttpSecurity http, ApiSecurityProperties properties)
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
                            problem(
                                response, HttpStatus.FORBIDDEN, "this needs the operator role")));
    if (!properties.enabled()) {
      return http.authorizeHttpRequests(a -> a.anyRequest().permitAll()).build();
    }
    return http.httpBasic(Customizer.withDefaults())
        .authorizeHttpRequests(
            a ->
                a.requestMatchers("/actuator/health/**", "/actuator/info", "/actuator/prometheus")
                    .permitAll()
                    .requestMatchers(HttpMethod.GET, "/api/**")
                    .hasAnyRole(Role.READER.name(), Role.OPERATOR.name())
                    .anyRequest()
                    .hasRole(Role.OPERATOR.name()))
        .build();
  }

  /**
   * A URL the firewall rejects (e.g. a ';' or an encoded '/' in a path value) is a 400 problem
   * detail. Without this the rejection is rethrown, the container's error dispatch runs
   * unauthenticated, and the caller gets a 401 that blames its credentials.
   */
  @Bean
  RequestRejectedHandler requestRejectedHandler() {
    return (request, response, rejection) ->
        problem(
            response,
            HttpStatus.BAD_REQUEST,
            "request rejected: the URL contains characters the API does not accept, such as ';',"
                + " an encoded '/' or '..'");
  }

  @Bean
  UserDetailsService apiUsers(ApiSecurityProperties properties) {
    return new InMemoryUserDetailsManager(
        properties.users().stream()
            .map(
                u ->
                    User.withUsername(u.name())
                        .password(u.password())
                        .roles(u.role().name())
                        .build())
            .toList());
  }

  private static void problem(HttpServletResponse response, HttpStatus status, String detail)
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
            "{\"type\":\"about:blank\",\"title\":\""
                + status.getReasonPhrase()
                + "\",\"status\":"
                + status.value()
                + ",\"detail\":\""
                + detail
                + "\"}");
  }
}
