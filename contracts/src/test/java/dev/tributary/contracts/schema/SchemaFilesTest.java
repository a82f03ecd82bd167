package dev.tributary.contracts.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;

/** Each schema file is a valid JSON Schema 2020-12 document that names and explains its message. */
class SchemaFilesTest {

  @ParameterizedTest
  @EnumSource(WireMessage.class)
  void a_schema_is_valid_by_the_2020_12_meta_schema(WireMessage message) {
    JsonNode schema = ContractResources.json(message.schemaResource());

    assertThat(ContractResources.metaSchema().validate(schema)).isEmpty();
    assertThat(schema.path("$schema").asString())
        .isEqualTo("https://json-schema.org/draft/2020-12/schema");
  }

  @ParameterizedTest
  @EnumSource(WireMessage.class)
  void a_schema_is_identified_by_its_file_and_titled_by_its_java_type(WireMessage message) {
    JsonNode schema = ContractResources.json(message.schemaResource());

    assertThat(schema.path("$id").asString()).isEqualTo(message.schemaId());
    assertThat(schema.path("title").asString()).isEqualTo(message.type().getSimpleName());
    assertThat(schema.path("description").asString()).contains("readers convert nothing");
    assertThat(schema.path("additionalProperties").asBoolean()).isTrue();
  }

  @ParameterizedTest
  @EnumSource(WireMessage.class)
  void every_property_is_described(WireMessage message) {
    List<String> undescribed = new ArrayList<>();

    collectUndescribed(ContractResources.json(message.schemaResource()), "", undescribed);

    assertThat(undescribed).isEmpty();
  }

  private static void collectUndescribed(JsonNode node, String path, List<String> undescribed) {
    if (node.isObject()) {
      node.path("properties")
          .properties()
          .forEach(
              property -> {
                if (!property.getValue().path("description").isString()
                    || property.getValue().path("description").asString().isBlank()) {
                  undescribed.add(path + "/properties/" + property.getKey());
                }
              });
      node.properties()
          .forEach(
              child ->
                  collectUndescribed(child.getValue(), path + "/" + child.getKey(), undescribed));
    } else if (node.isArray()) {
      int i = 0;
      for (JsonNode child : node.values()) {
        collectUndescribed(child, path + "/" + i++, undescribed);
      }
    }
  }
}
