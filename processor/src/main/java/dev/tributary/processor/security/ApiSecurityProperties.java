package dev.tributary.processor.security;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The REST API's users.
 *
 * @param enabled whether the API requires authentication; turn off only for a local demo
 * @param users who may call it; passwords in Spring Security's encoded form, e.g. {@code
 *     {bcrypt}$2a$10$...}, set from a Secret ({@code TRIBUTARY_SECURITY_USERS_0_PASSWORD})
 */
@Validated
@ConfigurationProperties("tributary.security")
public record ApiSecurityProperties(
    @DefaultValue(DEFAULT_ENABLED) boolean enabled, @DefaultValue @Valid List<User> users) {

  public static final String DEFAULT_ENABLED = "true";

  /**
   * @param name the user name
   * @param password the encoded password ({@code {bcrypt}...}; {@code {noop}...} only in tests)
   * @param role what the user may do
   */
  public record User(@NotBlank String name, @NotBlank String password, @NotNull Role role) {}

  /** What a user may do. */
  public enum Role {
    /** Read tasks, steps, templates and explanations. */
    READER,
    /** Everything: create tasks, register templates, retry, resolve, cancel. */
    OPERATOR
  }
}
