package dev.tributary.contracts.schema;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.contracts.JsonCodec;
import dev.tributary.contracts.internal.WireJson;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/**
 * Hand-written unusual but valid messages under {@code contracts/accepted/<message>/<case>.json}
 * (test resources), such as integers written with a zero fraction ({@code 1.0}, {@code 3e4}): the
 * schema admits each one and so does the Java codec, which writes it back in the usual form. Not
 * golden samples, because no producer should copy them.
 */
class AcceptedMessagesTest {

  static Stream<String> acceptedMessages() {
    return ContractResources.list(ContractResources.ACCEPTED).stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("acceptedMessages")
  void the_schema_accepts_the_message(String sample) {
    assertThat(
            ContractResources.violations(
                InvalidMessagesTest.messageOf(sample),
                ContractResources.json(ContractResources.ACCEPTED + sample)))
        .isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("acceptedMessages")
  void the_java_codec_reads_it_and_writes_integers_without_a_fraction(String sample) {
    WireMessage message = InvalidMessagesTest.messageOf(sample);
    JsonCodec<? extends Record> codec = JsonCodec.of(message.type());

    Record decoded = codec.decode(ContractResources.bytes(ContractResources.ACCEPTED + sample));
    byte[] encoded = encode(codec, decoded);

    JsonNode written = WireJson.mapper().readTree(encoded);

    assertThat(numbers(written)).allMatch(JsonNode::isIntegralNumber, "an integer in digits");
    assertThat(ContractResources.violations(message, written)).isEmpty();
    assertThat(codec.decode(encoded)).isEqualTo(decoded);
  }

  /** Every number in a document, at any depth. */
  private static List<JsonNode> numbers(JsonNode node) {
    List<JsonNode> numbers = new ArrayList<>();
    if (node.isNumber()) {
      numbers.add(node);
    }
    node.values().forEach(child -> numbers.addAll(numbers(child)));
    return numbers;
  }

  @SuppressWarnings("unchecked")
  private static <T> byte[] encode(JsonCodec<T> codec, Object message) {
    return codec.encode((T) message);
  }
}
