package dev.tributary.processor;

import dev.tributary.processor.migration.SchemaMigration;
import java.util.Arrays;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The processor service. Started with {@code migrate} as its first argument, it migrates the schema
 * and exits instead (see {@link SchemaMigration}).
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class ProcessorApplication {

  public static void main(String[] args) {
    if (args.length > 0 && SchemaMigration.COMMAND.equals(args[0])) {
      System.exit(SchemaMigration.run(Arrays.copyOfRange(args, 1, args.length)));
    }
    SpringApplication.run(ProcessorApplication.class, args);
  }
}
