package dev.tributary.contracts.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tributary.contracts.InvalidMessageException;
import dev.tributary.contracts.JsonCodec;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hand-written bad messages under {@code contracts/invalid/<message>/<case>.json} (test resources):
 * the schema rejects each one, and so does the Java codec, so that a worker that validates against
 * the schema and the processor that reads with the codec agree on what is bad.
 */
class InvalidMessagesTest {

  static Stream<String> invalidMessages() {
    return ContractResources.list(ContractResources.INVALID).stream();
  }

  private static WireMessage messageOf(String sample) {
    return WireMessage.byFileName(sample.substring(0, sample.indexOf('/')));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidMessages")
  void the_schema_rejects_a_bad_message(String sample) {
    assertThat(
            ContractResources.violations(
                messageOf(sample), ContractResources.json(ContractResources.INVALID + sample)))
        .isNotEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidMessages")
  void the_java_codec_rejects_a_bad_message_too(String sample) {
    JsonCodec<?> codec = JsonCodec.of(messageOf(sample).type());
    byte[] bytes = ContractResources.bytes(ContractResources.INVALID + sample);

    assertThatThrownBy(() -> codec.decode(bytes)).isInstanceOf(InvalidMessageException.class);
  }
}
