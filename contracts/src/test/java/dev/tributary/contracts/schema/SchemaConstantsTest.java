package dev.tributary.contracts.schema;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.contracts.ErrorClasses;
import dev.tributary.contracts.Limits;
import dev.tributary.contracts.Outcome;
import dev.tributary.contracts.TaskRequest;
import dev.tributary.contracts.Topics;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;

/**
 * The limits the schemas and the Java records share (patterns, lengths) are the same numbers: the
 * drift test compares fields and whether they are required, this compares the constants.
 */
class SchemaConstantsTest {

  private static final List<WireMessage> WITH_A_NAMESPACE =
      List.of(WireMessage.TASK_REQUEST, WireMessage.STEP_DISPATCH, WireMessage.TASK_EVENT);

  @Test
  void every_namespace_has_the_pattern_of_topics() {
    for (WireMessage message : WITH_A_NAMESPACE) {
      assertThat(property(message, "namespace").path("pattern").asString())
          .as("namespace pattern of %s", message)
          .isEqualTo("^" + Topics.NAMESPACE.pattern() + "$");
    }
  }

  @Test
  void every_correlation_id_and_key_has_the_length_limit_of_task_requests() {
    for (WireMessage message : WITH_A_NAMESPACE) {
      assertThat(property(message, "correlation_id").path("maxLength").asInt())
          .as("correlation_id length of %s", message)
          .isEqualTo(TaskRequest.MAX_KEY_LENGTH);
    }
    assertThat(
            property(WireMessage.TASK_REQUEST, "parent_correlation_id").path("maxLength").asInt())
        .isEqualTo(TaskRequest.MAX_KEY_LENGTH);
    assertThat(property(WireMessage.TASK_REQUEST, "idempotency_key").path("maxLength").asInt())
        .isEqualTo(TaskRequest.MAX_KEY_LENGTH);
  }

  @Test
  void a_failure_has_the_length_limits_of_java() {
    JsonNode failure = definition(WireMessage.STEP_RESULT, "failure").path("properties");

    assertThat(failure.at("/error_class/maxLength").asInt())
        .isEqualTo(Outcome.Failed.MAX_ERROR_CLASS_LENGTH);
    assertThat(failure.at("/message/maxLength").asInt())
        .isEqualTo(Outcome.Failed.MAX_MESSAGE_LENGTH);
  }

  @Test
  void every_error_class_of_tributary_is_documented_in_the_schema_and_the_asyncapi_document() {
    String schema =
        definition(WireMessage.STEP_RESULT, "failure")
            .at("/properties/error_class/description")
            .asString();
    String asyncApi = new String(ContractResources.bytes(ContractResources.ASYNCAPI), UTF_8);

    assertThat(errorClasses()).hasSize(8);
    for (String errorClass : errorClasses()) {
      assertThat(schema).as("error_class description").contains(errorClass + " (");
      assertThat(asyncApi).as("asyncapi.yaml").contains("`" + errorClass + "` (");
    }
  }

  @ParameterizedTest
  @EnumSource(WireMessage.class)
  void every_schema_states_the_message_limits_and_the_u0000_and_null_rules(WireMessage message) {
    assertThat(ContractResources.json(message.schemaResource()).path("description").asString())
        .contains(
            "at most " + number(Limits.MAX_MESSAGE_BYTES) + " bytes",
            "at most " + number(Limits.MAX_NESTING_DEPTH) + " levels",
            "U+0000",
            "InvalidOutcome",
            "U+FFFD",
            "the message is JSON null",
            "1.0 as 1");
  }

  @Test
  void create_batches_states_the_batch_limit() {
    assertThat(definition(WireMessage.STEP_RESULT, "create_batches").path("description").asString())
        .contains("At most " + number(Limits.MAX_BATCHES_PER_OUTCOME) + " batches per outcome");
  }

  @Test
  void the_dependency_results_of_a_dispatch_state_their_limits_and_where_the_rest_are() {
    for (String field : List.of("dependency_results", "dependency_results_omitted")) {
      assertThat(property(WireMessage.STEP_DISPATCH, field).path("description").asString())
          .as(field)
          .contains(
              "first " + number(Limits.MAX_DEPENDENCY_RESULTS_PER_DISPATCH),
              number(Limits.MAX_DISPATCH_BYTES_WITH_DEPENDENCY_RESULTS) + " bytes",
              "REST API");
    }
    assertThat(
            property(WireMessage.STEP_DISPATCH, "dependency_results_omitted")
                .path("description")
                .asString())
        .contains(
            "GET /api/v1/tasks/{taskId}/steps/{stepName}/dependency-results?after=<last name>"
                + "&limit=<1.."
                + Limits.MAX_DEPENDENCY_RESULTS_PAGE
                + ">",
            "reader role");
  }

  /** A number as the documents write it, e.g. 1,000,000. */
  private static String number(int value) {
    return String.format(Locale.ROOT, "%,d", value);
  }

  /** The values of the constants of {@link ErrorClasses}. */
  private static List<String> errorClasses() {
    List<String> values = new ArrayList<>();
    for (Field field : ErrorClasses.class.getFields()) {
      if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
        try {
          values.add((String) field.get(null));
        } catch (IllegalAccessException e) {
          throw new IllegalStateException(e);
        }
      }
    }
    return values;
  }

  /** A schema's {@code $defs} entry. */
  static JsonNode definition(WireMessage message, String name) {
    return ContractResources.json(message.schemaResource()).path("$defs").path(name);
  }

  /** A top-level property's schema with its {@code $ref} followed. */
  static JsonNode property(WireMessage message, String name) {
    JsonNode root = ContractResources.json(message.schemaResource());
    return dereference(root, root.path("properties").path(name));
  }

  /** A schema with its local {@code $ref}s followed. */
  static JsonNode dereference(JsonNode root, JsonNode schema) {
    JsonNode node = schema;
    while (node.has("$ref")) {
      node = root.at(node.get("$ref").asString().substring(1));
    }
    return node;
  }
}
