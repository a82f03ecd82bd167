package dev.tributary.deploy;

import dev.tributary.service.security.ServiceSecurityProperties;
import dev.tributary.service.security.ServiceSecurityProperties.User;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * The users a service binds from environment variables ({@code TRIBUTARY_SECURITY_USERS_<n>_NAME},
 * {@code _PASSWORD}, {@code _ROLE}), by Spring Boot's binder, as the services bind them.
 */
final class BoundUsers {

  private BoundUsers() {}

  static List<User> of(Map<String, String> variables) {
    return new Binder(
            ConfigurationPropertySource.from(
                new SystemEnvironmentPropertySource(
                    StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                    new LinkedHashMap<String, Object>(variables))))
        .bind("tributary.security", ServiceSecurityProperties.class)
        .map(ServiceSecurityProperties::users)
        .orElse(List.of());
  }
}
