package dev.tributary.store;

import java.util.Map;

/**
 * What every Flyway run of the migrations under {@code db/migration} needs besides a data source:
 * the placeholders. Pass {@link #placeholders(String)} to {@code Flyway.configure()}; Spring Boot's
 * Flyway gets them from the services' configuration.
 */
public final class Migrations {

  /**
   * The Flyway placeholder naming the role the services connect as (through a LOGIN member of it).
   * The migrations grant it row access, never DDL.
   */
  public static final String RUNTIME_ROLE_PLACEHOLDER = "runtime_role";

  /** The runtime role's name when none is configured. */
  public static final String DEFAULT_RUNTIME_ROLE = "tributary_runtime";

  private Migrations() {}

  /** The placeholders for a runtime role of the given name. */
  public static Map<String, String> placeholders(String runtimeRole) {
    return Map.of(RUNTIME_ROLE_PLACEHOLDER, runtimeRole);
  }

  /** The placeholders with the default runtime role. */
  public static Map<String, String> defaultPlaceholders() {
    return placeholders(DEFAULT_RUNTIME_ROLE);
  }
}
