package dev.tributary.contracts.schema;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import dev.tributary.contracts.internal.WireJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;

/**
 * The contract files on the test classpath (schemas, samples, the AsyncAPI document) and a
 * validator that reads the schemas from there, with {@code format} asserted (uuid, date-time), as a
 * strict reader in another language would.
 */
final class ContractResources {

  /** Where the contract lives on the classpath. */
  static final String ROOT = "contracts/";

  static final String SCHEMAS = ROOT + "schemas/";
  static final String SAMPLES = ROOT + "samples/";

  /** Hand-written bad messages, in the test resources. */
  static final String INVALID = ROOT + "invalid/";

  /** Hand-written unusual but valid messages, in the test resources. */
  static final String ACCEPTED = ROOT + "accepted/";

  static final String ASYNCAPI = ROOT + "asyncapi.yaml";

  /** The prefix of every schema's {@code $id}; mapped to {@link #ROOT} on the classpath. */
  static final String ID_BASE = "https://tributary.dev/contracts/";

  private static final SchemaRegistry REGISTRY =
      SchemaRegistry.withDefaultDialect(
          SpecificationVersion.DRAFT_2020_12,
          builder ->
              builder
                  .schemaIdResolvers(ids -> ids.mapPrefix(ID_BASE, "classpath:" + ROOT))
                  .schemaRegistryConfig(
                      SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()));

  private ContractResources() {}

  /** The schema of a message, loaded by its {@code $id}. */
  static Schema schema(WireMessage message) {
    return REGISTRY.getSchema(SchemaLocation.of(message.schemaId()));
  }

  /** The JSON Schema 2020-12 meta-schema, bundled with the validator. */
  static Schema metaSchema() {
    return REGISTRY.getSchema(SchemaLocation.of(SpecificationVersion.DRAFT_2020_12.getDialectId()));
  }

  /** What is wrong with this document as this message; empty when it is valid. */
  static List<String> violations(WireMessage message, JsonNode document) {
    return schema(message).validate(document).stream().map(Error::toString).toList();
  }

  /** A classpath resource parsed as JSON. */
  static JsonNode json(String resource) {
    return WireJson.mapper().readTree(bytes(resource));
  }

  static byte[] bytes(String resource) {
    try (InputStream in = ContractResources.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalArgumentException("no resource " + resource + " on the classpath");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static boolean exists(String resource) {
    return ContractResources.class.getClassLoader().getResource(resource) != null;
  }

  /** Every file under a classpath folder, at any depth, as folder-relative paths, sorted. */
  static List<String> list(String folder) {
    URL url = ContractResources.class.getClassLoader().getResource(folder);
    if (url == null) {
      throw new IllegalArgumentException("no folder " + folder + " on the classpath");
    }
    try (Stream<Path> files = Files.walk(Path.of(url.toURI()))) {
      Path base = Path.of(url.toURI());
      return files
          .filter(Files::isRegularFile)
          .map(file -> base.relativize(file).toString().replace('\\', '/'))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
