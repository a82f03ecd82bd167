package dev.tributary.worker.internal.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.worker.WorkerOptions;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The hand-written configuration metadata (IDE completion, documentation) stays in step with the
 * properties and their defaults.
 */
class ConfigurationMetadataTest {

  private static final Pattern CAMEL = Pattern.compile("([a-z])([A-Z])");

  @Test
  void every_property_is_documented_with_the_defaults_of_the_code() throws IOException {
    Map<String, JsonNode> documented = new HashMap<>();
    try (InputStream json =
        getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
      JsonMapper.shared()
          .readTree(json)
          .get("properties")
          .forEach(p -> documented.put(p.get("name").asString(), p));
    }

    assertThat(documented.keySet())
        .containsExactlyInAnyOrderElementsOf(
            Arrays.stream(WorkerProperties.class.getRecordComponents())
                .map(c -> WorkerProperties.PREFIX + "." + kebab(c.getName()))
                .toList());
    assertThat(documented)
        .allSatisfy((name, property) -> assertThat(property.get("description")).isNotNull());
    assertThat(documented.get("tributary.worker.concurrency").get("defaultValue").asInt())
        .isEqualTo(WorkerOptions.DEFAULT_CONCURRENCY);
    assertThat(
            documented.get("tributary.worker.shutdown-grace-period").get("defaultValue").asString())
        .isEqualTo(WorkerOptions.DEFAULT_SHUTDOWN_GRACE_PERIOD_SECONDS + "s");
  }

  private static String kebab(String camel) {
    return CAMEL.matcher(camel).replaceAll("$1-$2").toLowerCase(java.util.Locale.ROOT);
  }
}
