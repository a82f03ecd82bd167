package dev.tributary.service.security;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The users of a service's HTTP endpoints: the processor's REST API, and the actuator endpoints of
 * both services other than the health probes (metrics, info). Both services read the same list.
 *
 * @param enabled whether the endpoints require authentication; turn off only for a local demo
 * @param users who may call them; passwords in Spring Security's encoded form, e.g. {@code
 *     {bcrypt}$2a$10$...}, set from a Secret ({@code TRIBUTARY_SECURITY_USERS_0_PASSWORD}); none by
 *     default, so that nothing but the health probes answers until users are configured
 */
@Validated
@ConfigurationProperties("tributary.security")
public record ServiceSecurityProperties(
    @DefaultValue(DEFAULT_ENABLED) boolean enabled, @DefaultValue List<@Valid User> users) {

  public static final String DEFAULT_ENABLED = "true";

  /**
   * One user of the endpoints.
   *
   * @param name the user name
   * @param password the encoded password ({@code {bcrypt}...}; {@code {noop}...} only in tests)
   * @param role what the user may do
   */
  public record User(@NotBlank String name, @NotBlank String password, @NotNull Role role) {}

  /** What a user may do. */
  public enum Role {
    /** Read tasks, steps, templates and explanations (GET on the API), and the metrics. */
    READER,
    /** Everything: create tasks, register templates, retry, resolve, cancel; read as a reader. */
    OPERATOR
  }
}
