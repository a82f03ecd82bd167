package dev.tributary.contracts.schema;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.contracts.Expansion;
import dev.tributary.contracts.JsonCodec;
import dev.tributary.contracts.Outcome;
import dev.tributary.contracts.StepResult;
import dev.tributary.contracts.internal.WireJson;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** What the Java code writes is what the schemas promise to workers in other languages. */
class JavaMessagesMatchSchemasTest {

  static Stream<Named<Record>> messages() {
    return JavaMessages.all().stream().map(message -> Named.of(describe(message), message));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("messages")
  void a_message_written_by_the_java_codec_is_valid_by_its_schema(Record message) {
    WireMessage wire = WireMessage.of(message.getClass());

    byte[] json = encode(JsonCodec.of(message.getClass()), message);

    assertThat(ContractResources.violations(wire, WireJson.mapper().readTree(json))).isEmpty();
    assertThat(SecondValidator.violationOf(wire, new String(json, UTF_8)))
        .as("by the second validator")
        .isEmpty();
  }

  @Test
  void the_messages_cover_every_message_outcome_and_expansion_type() {
    List<Record> messages = JavaMessages.all();
    List<Outcome> outcomes =
        messages.stream()
            .filter(StepResult.class::isInstance)
            .map(message -> ((StepResult) message).outcome())
            .toList();

    assertThat(messages)
        .extracting(Object::getClass)
        .containsAll(Stream.of(WireMessage.values()).map(WireMessage::type).toList());
    assertThat(outcomes)
        .extracting(Object::getClass)
        .containsAll(JavaWire.subtypes(Outcome.class).values());
    assertThat(outcomes)
        .filteredOn(Outcome.Succeeded.class::isInstance)
        .map(outcome -> ((Outcome.Succeeded) outcome).expansion())
        .filteredOn(Objects::nonNull)
        .extracting(Object::getClass)
        .containsAll(JavaWire.subtypes(Expansion.class).values());
  }

  /** E.g. "StepResult success create_batches", for the test's name. */
  private static String describe(Record message) {
    if (message instanceof StepResult result) {
      String outcome = WireJson.mapper().valueToTree(result.outcome()).path("type").asString();
      return result.outcome() instanceof Outcome.Succeeded success && success.expansion() != null
          ? "StepResult "
              + outcome
              + " "
              + WireJson.mapper().valueToTree(success.expansion()).path("type").asString()
          : "StepResult " + outcome;
    }
    return message.getClass().getSimpleName();
  }

  @SuppressWarnings("unchecked")
  private static <T> byte[] encode(JsonCodec<T> codec, Object message) {
    return codec.encode((T) message);
  }
}
