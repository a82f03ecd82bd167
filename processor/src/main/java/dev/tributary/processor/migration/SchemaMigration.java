package dev.tributary.processor.migration;

import dev.tributary.service.migration.TributaryMigrationAutoConfiguration;
import java.util.stream.Stream;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The {@code migrate} command: applies the store's Flyway migrations and exits, 0 when the schema
 * is current. What the migration Job runs, with the processor's image and the schema owner's
 * credentials, so that the migrations deployed are always those the deployed code was built and
 * tested with. Only the data source and Flyway are configured: no web server, no Kafka.
 *
 * <p>Not a component (it is found by no scan): the processor runs it from its {@code main}.
 */
@ImportAutoConfiguration({
  DataSourceAutoConfiguration.class,
  FlywayAutoConfiguration.class,
  TributaryMigrationAutoConfiguration.class
})
public final class SchemaMigration {

  /** The first argument that selects this command. */
  public static final String COMMAND = "migrate";

  private SchemaMigration() {}

  /**
   * Migrates and returns the exit code; a failed migration throws.
   *
   * @param args Spring Boot arguments ({@code --spring.datasource.url=...}); the environment
   *     variables of the Job work as well
   */
  public static int run(String... args) {
    // Whatever else the environment says, this command migrates.
    String[] arguments =
        Stream.concat(Stream.of("--spring.flyway.enabled=true"), Stream.of(args))
            .toArray(String[]::new);
    ConfigurableApplicationContext context =
        new SpringApplicationBuilder(SchemaMigration.class)
            .web(WebApplicationType.NONE)
            .run(arguments);
    return SpringApplication.exit(context);
  }
}
