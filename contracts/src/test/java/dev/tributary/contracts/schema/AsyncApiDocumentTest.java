package dev.tributary.contracts.schema;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.contracts.Limits;
import dev.tributary.contracts.MessageHeaders;
import dev.tributary.contracts.Topics;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The AsyncAPI document {@code contracts/asyncapi.yaml} is well-formed as far as Tributary relies
 * on it: every reference resolves, every topic of {@link Topics} has a channel carrying its
 * message's schema, and every channel has a sender and a receiver.
 */
class AsyncApiDocumentTest {

  private static final JsonNode DOCUMENT =
      YAMLMapper.shared().readTree(ContractResources.bytes(ContractResources.ASYNCAPI));

  private static final Pattern PARAMETER = Pattern.compile("\\{([^}]+)}");

  /** The namespace used to name a dispatch topic in these tests. */
  private static final String NAMESPACE = "orders";

  @Test
  void the_document_is_asyncapi_3_0_0() {
    assertThat(DOCUMENT.isObject()).isTrue();
    assertThat(DOCUMENT.path("asyncapi").asString()).isEqualTo("3.0.0");
    assertThat(DOCUMENT.at("/info/title").asString()).isEqualTo("Tributary");
    assertThat(DOCUMENT.at("/info/version").isString()).isTrue();
  }

  @Test
  void every_reference_resolves() {
    List<String> refs = new ArrayList<>();
    collectRefs(DOCUMENT, refs);

    assertThat(refs).isNotEmpty();
    assertThat(refs)
        .allSatisfy(ref -> assertThat(resolve(ref)).as("target of $ref %s", ref).isNotNull());
  }

  @Test
  void every_message_has_a_schema_file_for_its_payload_a_kafka_key_and_headers() {
    Map<String, JsonNode> messages = channelMessages();

    assertThat(messages).isNotEmpty();
    messages.forEach(
        (name, message) -> {
          assertThat(payloadSchemaFiles(message))
              .as("payload schema files of %s", name)
              .isNotEmpty();
          assertThat(message.at("/bindings/kafka/key").isObject())
              .as("kafka key of %s", name)
              .isTrue();
          assertThat(dereference(message.path("headers")).path("properties").isObject())
              .as("headers of %s", name)
              .isTrue();
        });
  }

  @ParameterizedTest(name = "prefix \"{0}\"")
  @ValueSource(strings = {"", "staging."})
  void every_topic_has_a_channel_carrying_its_message(String prefix) {
    Topics topics = new Topics(prefix);
    Map<String, @Nullable WireMessage> expected = new LinkedHashMap<>();
    expected.put(topics.taskRequests(), WireMessage.TASK_REQUEST);
    expected.put(topics.dispatch(NAMESPACE), WireMessage.STEP_DISPATCH);
    expected.put(topics.stepResults(), WireMessage.STEP_RESULT);
    expected.put(topics.schedulingSignals(), WireMessage.SCHEDULING_SIGNAL);
    expected.put(topics.taskEvents(), WireMessage.TASK_EVENT);
    expected.put(topics.deadLetters(), null);
    Map<String, JsonNode> channels = channelsByTopic(prefix);

    assertThat(channels).containsOnlyKeys(expected.keySet());
    expected.forEach(
        (topic, message) -> {
          if (message != null) {
            assertThat(channelSchemaFiles(channels.get(topic)))
                .as("schemas of the messages on %s", topic)
                .containsExactly("./schemas/" + message.fileName() + ".schema.json");
          }
        });
  }

  @Test
  void a_dead_letter_may_be_any_message_and_carries_its_origin_and_reason() {
    JsonNode deadLetters = channelsByTopic("").get(Topics.defaults().deadLetters());
    JsonNode message = dereference(deadLetters.path("messages").values().iterator().next());
    JsonNode headers = dereference(message.path("headers"));
    Set<String> required = new TreeSet<>();
    headers.path("required").forEach(name -> required.add(name.asString()));

    assertThat(channelSchemaFiles(deadLetters))
        .containsExactlyInAnyOrder(
            Arrays.stream(WireMessage.values())
                .map(m -> "./schemas/" + m.fileName() + ".schema.json")
                .toArray(String[]::new));
    assertThat(required)
        .contains(
            MessageHeaders.DEAD_LETTER_REASON,
            MessageHeaders.DEAD_LETTER_SERVICE,
            MessageHeaders.DLT_ORIGINAL_TOPIC,
            MessageHeaders.DLT_ORIGINAL_PARTITION,
            MessageHeaders.DLT_ORIGINAL_OFFSET,
            MessageHeaders.DLT_EXCEPTION_FQCN);
    assertThat(headers.path("properties").propertyNames())
        .containsAll(required)
        .contains(MessageHeaders.TRACEPARENT, MessageHeaders.DLT_EXCEPTION_MESSAGE);
  }

  @Test
  void the_dead_letter_headers_are_exactly_those_of_message_headers_with_the_same_encoding() {
    JsonNode deadLetters = channelsByTopic("").get(Topics.defaults().deadLetters());
    JsonNode message = dereference(deadLetters.path("messages").values().iterator().next());
    JsonNode properties = dereference(message.path("headers")).path("properties");
    Set<String> binary =
        Set.of(
            MessageHeaders.DLT_ORIGINAL_PARTITION,
            MessageHeaders.DLT_ORIGINAL_OFFSET,
            MessageHeaders.DLT_ORIGINAL_TIMESTAMP);

    assertThat(properties.propertyNames()).containsExactlyInAnyOrderElementsOf(headerConstants());
    properties
        .properties()
        .forEach(
            header -> {
              JsonNode schema = dereference(header.getValue());
              if (binary.contains(header.getKey())) {
                assertThat(schema.path("type").asString()).as(header.getKey()).isEqualTo("integer");
                assertThat(schema.path("description").asString())
                    .as(header.getKey())
                    .contains("big-endian");
              } else {
                assertThat(schema.path("type").asString()).as(header.getKey()).isEqualTo("string");
              }
            });
  }

  @Test
  void task_keys_are_lowercase_uuids_as_message_headers_says() {
    JsonNode key = DOCUMENT.at("/components/schemas/taskIdKey");

    assertThat(key.path("pattern").asString())
        .isEqualTo("^" + MessageHeaders.TASK_KEY.pattern() + "$");
    assertThat(key.path("description").asString()).contains("lowercase UUID string");
  }

  @Test
  void the_limits_are_those_of_java_by_the_same_names_in_snake_case() {
    Map<String, Integer> documented = new LinkedHashMap<>();
    DOCUMENT
        .at("/info/x-tributary-limits")
        .properties()
        .forEach(
            limit -> {
              assertThat(limit.getValue().isInt()).as(limit.getKey()).isTrue();
              documented.put(limit.getKey(), limit.getValue().asInt());
            });

    assertThat(documented).isEqualTo(limitConstants());
  }

  @Test
  void every_limit_is_explained_in_the_description_with_its_number() {
    String description = DOCUMENT.at("/info/description").asString();

    limitConstants()
        .forEach(
            (name, value) ->
                assertThat(description)
                    .as("the description's Limits section")
                    .contains(
                        "- `" + name + "` (" + String.format(Locale.ROOT, "%,d", value) + ")"));
  }

  @Test
  void the_description_says_where_omitted_dependency_results_are_fetched_and_with_which_role() {
    assertThat(DOCUMENT.at("/info/description").asString())
        .contains(
            "GET /api/v1/tasks/{taskId}/steps/{stepName}/dependency-results?after=<last name>"
                + "&limit=<1.."
                + Limits.MAX_DEPENDENCY_RESULTS_PAGE
                + ">",
            "reader role");
  }

  /**
   * The constants of {@link Limits} by their names in snake_case, e.g. {@code max_message_bytes}.
   */
  static Map<String, Integer> limitConstants() {
    Map<String, Integer> limits = new LinkedHashMap<>();
    for (Field field : Limits.class.getFields()) {
      if (Modifier.isStatic(field.getModifiers()) && field.getType() == int.class) {
        try {
          limits.put(field.getName().toLowerCase(Locale.ROOT), field.getInt(null));
        } catch (IllegalAccessException e) {
          throw new IllegalStateException(e);
        }
      }
    }
    return limits;
  }

  /** The header names {@link MessageHeaders} declares. */
  private static List<String> headerConstants() {
    List<String> names = new ArrayList<>();
    for (Field field : MessageHeaders.class.getFields()) {
      if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
        try {
          names.add((String) field.get(null));
        } catch (IllegalAccessException e) {
          throw new IllegalStateException(e);
        }
      }
    }
    return names;
  }

  @Test
  void every_message_may_carry_a_traceparent() {
    channelMessages()
        .forEach(
            (name, message) ->
                assertThat(
                        dereference(message.path("headers"))
                            .path("properties")
                            .has(MessageHeaders.TRACEPARENT))
                    .as("traceparent header of %s", name)
                    .isTrue());
  }

  @Test
  void every_channel_parameter_is_declared_and_the_namespace_one_states_the_topic_pattern() {
    DOCUMENT
        .path("channels")
        .properties()
        .forEach(
            channel -> {
              Matcher parameters = PARAMETER.matcher(channel.getValue().path("address").asString());
              while (parameters.find()) {
                assertThat(channel.getValue().path("parameters").has(parameters.group(1)))
                    .as("parameter %s of channel %s", parameters.group(1), channel.getKey())
                    .isTrue();
              }
            });
    assertThat(DOCUMENT.at("/channels/stepDispatches/parameters/namespace/description").asString())
        .contains(Topics.NAMESPACE.pattern());
  }

  @Test
  void every_channel_has_a_sender_and_a_receiver() {
    Map<String, Set<String>> actions = new LinkedHashMap<>();
    DOCUMENT.path("channels").propertyNames().forEach(name -> actions.put(name, new TreeSet<>()));
    DOCUMENT
        .path("operations")
        .values()
        .forEach(
            operation ->
                actions
                    .computeIfAbsent(
                        channelName(operation.at("/channel/$ref").asString()),
                        name -> new TreeSet<>())
                    .add(operation.path("action").asString()));

    assertThat(actions)
        .allSatisfy(
            (channel, both) ->
                assertThat(both).as("actions on %s", channel).containsExactly("receive", "send"));
  }

  @Test
  void every_operation_names_its_application_and_uses_messages_of_its_own_channel() {
    DOCUMENT
        .path("operations")
        .properties()
        .forEach(
            entry -> {
              JsonNode operation = entry.getValue();
              String channel = operation.at("/channel/$ref").asString();
              assertThat(operation.path("tags").isEmpty())
                  .as("tags of %s", entry.getKey())
                  .isFalse();
              assertThat(
                      operation.path("messages").valueStream().map(m -> m.path("$ref").asString()))
                  .as("messages of %s", entry.getKey())
                  .isNotEmpty()
                  .allSatisfy(ref -> assertThat(ref).startsWith(channel + "/messages/"));
              JsonNode reply = operation.path("reply");
              if (reply.isObject()) {
                String replyChannel = reply.at("/channel/$ref").asString();
                assertThat(reply.path("messages").valueStream().map(m -> m.path("$ref").asString()))
                    .allSatisfy(ref -> assertThat(ref).startsWith(replyChannel + "/messages/"));
              }
            });
  }

  /** Channels by their topic name, with the prefix given and the test namespace. */
  private static Map<String, JsonNode> channelsByTopic(String prefix) {
    Map<String, JsonNode> channels = new LinkedHashMap<>();
    DOCUMENT
        .path("channels")
        .values()
        .forEach(
            channel ->
                channels.put(
                    channel
                        .path("address")
                        .asString()
                        .replace("{prefix}", prefix)
                        .replace("{namespace}", NAMESPACE),
                    channel));
    return channels;
  }

  /** Every message of every channel, by channel and message name, dereferenced. */
  private static Map<String, JsonNode> channelMessages() {
    Map<String, JsonNode> messages = new LinkedHashMap<>();
    DOCUMENT
        .path("channels")
        .properties()
        .forEach(
            channel ->
                channel
                    .getValue()
                    .path("messages")
                    .properties()
                    .forEach(
                        message ->
                            messages.put(
                                channel.getKey() + "/" + message.getKey(),
                                dereference(message.getValue()))));
    return messages;
  }

  private static List<String> channelSchemaFiles(JsonNode channel) {
    List<String> files = new ArrayList<>();
    channel
        .path("messages")
        .values()
        .forEach(message -> files.addAll(payloadSchemaFiles(dereference(message))));
    return files;
  }

  /** The schema files a message's payload refers to. */
  private static List<String> payloadSchemaFiles(JsonNode message) {
    List<String> refs = new ArrayList<>();
    collectRefs(message.path("payload"), refs);
    return refs.stream().filter(ref -> !ref.startsWith("#")).toList();
  }

  private static String channelName(String ref) {
    return ref.substring("#/channels/".length());
  }

  private static void collectRefs(JsonNode node, List<String> refs) {
    if (node.isObject()) {
      JsonNode ref = node.get("$ref");
      if (ref != null && ref.isString()) {
        refs.add(ref.asString());
      }
      node.values().forEach(child -> collectRefs(child, refs));
    } else if (node.isArray()) {
      node.values().forEach(child -> collectRefs(child, refs));
    }
  }

  private static JsonNode dereference(JsonNode node) {
    JsonNode target = node;
    for (int hops = 0; target.has("$ref") && hops < 10; hops++) {
      target = resolve(target.get("$ref").asString());
      assertThat(target).as("target of %s", node).isNotNull();
    }
    return target;
  }

  /** What a reference points to: in this document, or in a schema file beside it; null if none. */
  private static @Nullable JsonNode resolve(String ref) {
    int hash = ref.indexOf('#');
    String file = hash < 0 ? ref : ref.substring(0, hash);
    String pointer = hash < 0 ? "" : ref.substring(hash + 1);
    JsonNode document;
    if (file.isEmpty()) {
      document = DOCUMENT;
    } else {
      String resource =
          Path.of(ContractResources.ROOT).resolve(file).normalize().toString().replace('\\', '/');
      if (!resource.startsWith(ContractResources.SCHEMAS) || !ContractResources.exists(resource)) {
        return null;
      }
      document = ContractResources.json(resource);
    }
    JsonNode target = document.at(pointer);
    return target.isMissingNode() ? null : target;
  }
}
