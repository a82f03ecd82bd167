package dev.tributary.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarInputStream;
import org.springframework.beans.factory.config.YamlPropertiesFactoryBean;
import org.springframework.core.io.ByteArrayResource;

/**
 * What a service's executable jar binds: the configuration metadata of its own classes and of every
 * library it ships (Spring Boot's included), read from the jar the image is made of.
 */
final class ServiceJar {

  private static final String METADATA = "META-INF/spring-configuration-metadata.json";
  private static final String ADDITIONAL = "META-INF/additional-spring-configuration-metadata.json";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path jar;
  private final Map<String, Property> properties;
  private final Map<String, Property> ownProperties;

  private ServiceJar(Path jar, Map<String, Property> properties, Map<String, Property> own) {
    this.jar = jar;
    this.properties = properties;
    this.ownProperties = own;
  }

  /**
   * @param name a property's canonical name (kebab-case)
   * @param type its type as the metadata gives it, e.g. {@code java.lang.Boolean}
   * @param deprecated whether the metadata marks it deprecated
   * @param source the jar entry the metadata came from
   */
  record Property(String name, String type, boolean deprecated, String source) {

    boolean isMap() {
      return type.startsWith("java.util.Map<");
    }

    /**
     * The type of a list's elements ({@code a.B$C} of {@code java.util.List<a.B$C>}), if a list.
     */
    java.util.Optional<String> elementType() {
      return type.startsWith(LIST) && type.endsWith(">")
          ? java.util.Optional.of(type.substring(LIST.length(), type.length() - 1))
          : java.util.Optional.empty();
    }

    private static final String LIST = "java.util.List<";
  }

  static ServiceJar of(String service) {
    Path jar = DeployFiles.serviceJar(service);
    Map<String, Property> all = new LinkedHashMap<>();
    Map<String, Property> own = new LinkedHashMap<>();
    try (JarFile file = new JarFile(jar.toFile())) {
      for (JarEntry entry : java.util.Collections.list(file.entries())) {
        String name = entry.getName();
        // The repackaged jar keeps the application's own META-INF at its root.
        if (name.equals(METADATA) || name.equals(ADDITIONAL)) {
          try (InputStream in = file.getInputStream(entry)) {
            read(in, name, own);
          }
        } else if (name.startsWith("BOOT-INF/lib/") && name.endsWith(".jar")) {
          try (JarInputStream nested = new JarInputStream(file.getInputStream(entry))) {
            for (JarEntry inner = nested.getNextJarEntry();
                inner != null;
                inner = nested.getNextJarEntry()) {
              if (inner.getName().equals(METADATA) || inner.getName().equals(ADDITIONAL)) {
                read(nested, name + "!/" + inner.getName(), all);
              }
            }
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not read " + jar, e);
    }
    all.putAll(own);
    return new ServiceJar(jar, Map.copyOf(all), Map.copyOf(own));
  }

  private static void read(InputStream in, String source, Map<String, Property> into)
      throws IOException {
    JsonNode metadata = JSON.readTree(in.readAllBytes());
    for (JsonNode property : metadata.path("properties")) {
      String name = property.path("name").asText();
      into.put(
          name,
          new Property(
              name,
              property.path("type").asText("java.lang.Object"),
              property.path("deprecated").asBoolean(false) || property.has("deprecation"),
              source));
    }
  }

  Path jar() {
    return jar;
  }

  /** Every property the service binds, its own and its libraries'. */
  Map<String, Property> properties() {
    return properties;
  }

  /** The properties of the service's own classes (the jar's root META-INF). */
  Map<String, Property> ownProperties() {
    return ownProperties;
  }

  /**
   * The service's packaged application.yaml, flattened ({@code spring.kafka.consumer.group-id}).
   */
  Map<String, Object> applicationYaml() {
    try (JarFile file = new JarFile(jar.toFile())) {
      JarEntry entry = file.getJarEntry("BOOT-INF/classes/application.yaml");
      byte[] content;
      try (InputStream in = file.getInputStream(entry)) {
        content = in.readAllBytes();
      }
      YamlPropertiesFactoryBean yaml = new YamlPropertiesFactoryBean();
      yaml.setResources(new ByteArrayResource(content));
      Map<String, Object> flat = new LinkedHashMap<>();
      yaml.getObject().forEach((key, value) -> flat.put((String) key, value));
      return flat;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The jar's layers, in order, as Spring Boot's layertools list them. */
  static List<String> layers(Path jar) {
    return Processes.run(
            List.of(Processes.java(), "-Djarmode=tools", "-jar", jar.toString(), "list-layers"),
            jar.getParent(),
            java.time.Duration.ofMinutes(1))
        .requireSuccess()
        .output()
        .lines()
        .map(String::strip)
        .filter(line -> !line.isEmpty())
        .toList();
  }
}
