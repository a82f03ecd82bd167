package dev.tributary.scheduler.security;

import dev.tributary.service.security.ServiceHttpSecurity;
import dev.tributary.service.security.ServiceSecurityProperties;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The actuator's rules, shared with the processor ({@link ServiceHttpSecurity}); anything else
 * needs a user as well. Off when the scheduler runs without a web server (the demo).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class SchedulerSecurity {

  @Bean
  SecurityFilterChain actuatorFilterChain(HttpSecurity http, ServiceSecurityProperties properties)
      throws Exception {
    return ServiceHttpSecurity.filterChain(
        http,
        properties,
        "this needs the reader or operator role",
        a -> a.anyRequest().authenticated());
  }
}
