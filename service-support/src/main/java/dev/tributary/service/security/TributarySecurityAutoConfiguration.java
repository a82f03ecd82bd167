package dev.tributary.service.security;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;

/**
 * The users of {@code tributary.security.users}, for the services' HTTP Basic authentication.
 * Before Spring Boot's own user details, which would otherwise add a user with a generated password
 * (and log it).
 */
@AutoConfiguration(before = UserDetailsServiceAutoConfiguration.class)
@ConditionalOnClass(HttpSecurity.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties(ServiceSecurityProperties.class)
public class TributarySecurityAutoConfiguration {

  @Bean
  UserDetailsService serviceUsers(ServiceSecurityProperties properties) {
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
}
