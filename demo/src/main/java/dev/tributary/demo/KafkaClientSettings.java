package dev.tributary.demo;

import dev.tributary.worker.WorkerOptions;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Reads {@code --kafka-config}: a Java properties file of Kafka client settings, as Kafka's own
 * tools read their {@code --command-config} ({@code security.protocol}, {@code sasl.mechanism},
 * {@code sasl.jaas.config}, {@code ssl.*} ...).
 */
final class KafkaClientSettings {

  private KafkaClientSettings() {}

  /**
   * The settings in the file, read once.
   *
   * @throws UsageException naming the file when it cannot be read, or a setting the demo's clients
   *     set themselves
   */
  static Map<String, String> read(Path file) throws UsageException {
    Properties properties = new Properties();
    try (InputStream in = Files.newInputStream(file)) {
      properties.load(in);
    } catch (NoSuchFileException e) {
      throw new UsageException("--kafka-config: no such file: " + file);
    } catch (AccessDeniedException e) {
      throw new UsageException("--kafka-config: not allowed to read " + file);
    } catch (IOException e) {
      throw new UsageException("--kafka-config: cannot read " + file + ": " + e.getMessage());
    } catch (IllegalArgumentException e) {
      // Properties.load's only complaint: a malformed \\uXXXX escape.
      throw new UsageException(
          "--kafka-config: " + file + " is not a properties file: " + e.getMessage());
    }
    Map<String, String> settings = new TreeMap<>();
    for (String name : properties.stringPropertyNames()) {
      settings.put(name, properties.getProperty(name));
    }
    for (String name : settings.keySet()) {
      if (WorkerOptions.RESERVED_KAFKA_PROPERTIES.contains(name)) {
        throw new UsageException(
            "--kafka-config: "
                + file
                + " sets "
                + name
                + ", which the demo's clients set themselves"
                + (name.equals("bootstrap.servers")
                    ? ": give the brokers with --kafka"
                    : ": remove it"));
      }
    }
    return Map.copyOf(settings);
  }
}
