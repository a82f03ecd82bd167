package dev.tributary.service.migration;

import dev.tributary.store.Migrations;
import jakarta.validation.constraints.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the schema migrations, when this service runs them (the processor's {@code migrate}
 * command, or {@code spring.flyway.enabled=true} in development).
 *
 * @param runtimeRole the role the services connect as (a NOLOGIN role their LOGIN user is a member
 *     of); the migrations create it if missing and grant it row access, never DDL. Given to Flyway
 *     as the {@code runtime_role} placeholder unless {@code spring.flyway.placeholders} sets it.
 */
@Validated
@ConfigurationProperties("tributary.migration")
public record MigrationProperties(
    @DefaultValue(Migrations.DEFAULT_RUNTIME_ROLE) @Pattern(regexp = "[a-z_][a-z0-9_]{0,62}")
        String runtimeRole) {}
