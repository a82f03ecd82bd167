package dev.tributary.contracts.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every sample through a second, independent JSON Schema validator ({@link SecondValidator}), so
 * that what a worker's validator says does not depend on which validator it is: the golden and
 * accepted samples are valid, and of the invalid ones, exactly those beyond the schema ({@link
 * InvalidMessagesTest#BEYOND_THE_SCHEMA}, which the Java reader alone rejects) are valid too. What
 * the Java codec writes goes through it in {@link JavaMessagesMatchSchemasTest}.
 */
class SecondValidatorTest {

  static Stream<String> goldenSamples() {
    return ContractResources.list(ContractResources.SAMPLES).stream();
  }

  static Stream<String> acceptedSamples() {
    return ContractResources.list(ContractResources.ACCEPTED).stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("goldenSamples")
  void a_golden_sample_is_valid(String sample) {
    assertThat(violation(ContractResources.SAMPLES, sample)).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("acceptedSamples")
  void an_accepted_sample_is_valid(String sample) {
    assertThat(violation(ContractResources.ACCEPTED, sample)).isEmpty();
  }

  @Test
  void the_invalid_samples_it_accepts_are_exactly_those_beyond_the_schema() {
    List<String> accepted =
        ContractResources.list(ContractResources.INVALID).stream()
            .filter(sample -> violation(ContractResources.INVALID, sample).isEmpty())
            .toList();

    assertThat(accepted)
        .as("invalid samples the second validator accepts")
        .containsExactlyInAnyOrderElementsOf(InvalidMessagesTest.BEYOND_THE_SCHEMA.keySet());
  }

  private static Optional<String> violation(String folder, String sample) {
    return SecondValidator.violation(InvalidMessagesTest.messageOf(sample), folder + sample);
  }
}
