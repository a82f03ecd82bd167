package dev.tributary.contracts.schema;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.contracts.BatchCursor;
import dev.tributary.contracts.Expansion;
import dev.tributary.contracts.JsonCodec;
import dev.tributary.contracts.Outcome;
import dev.tributary.contracts.StepDispatch;
import dev.tributary.contracts.StepResult;
import dev.tributary.contracts.internal.WireJson;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/**
 * The golden samples under {@code contracts/samples/<message>/<case>.json} document the wire for
 * people; these tests keep them true: each one is valid by its schema, reads with the Java codec,
 * and what the codec writes back is valid too.
 */
class GoldenSamplesTest {

  private static final JsonCodec<StepResult> RESULTS = JsonCodec.of(StepResult.class);
  private static final JsonCodec<StepDispatch> DISPATCHES = JsonCodec.of(StepDispatch.class);

  static Stream<String> samples() {
    return ContractResources.list(ContractResources.SAMPLES).stream();
  }

  private static WireMessage messageOf(String sample) {
    return WireMessage.byFileName(sample.substring(0, sample.indexOf('/')));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("samples")
  void a_sample_is_valid_by_its_schema(String sample) {
    JsonNode json = ContractResources.json(ContractResources.SAMPLES + sample);

    assertThat(ContractResources.violations(messageOf(sample), json)).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("samples")
  void a_sample_reads_with_the_java_codec_and_writes_back_valid_and_equal(String sample) {
    WireMessage message = messageOf(sample);
    JsonCodec<? extends Record> codec = JsonCodec.of(message.type());

    Record decoded = codec.decode(ContractResources.bytes(ContractResources.SAMPLES + sample));
    byte[] encoded = encode(codec, decoded);

    assertThat(ContractResources.violations(message, WireJson.mapper().readTree(encoded)))
        .isEmpty();
    assertThat(codec.decode(encoded)).isEqualTo(decoded);
  }

  @Test
  void every_message_has_samples() {
    Set<String> folders = new TreeSet<>();
    samples().forEach(sample -> folders.add(messageOf(sample).fileName()));

    assertThat(folders)
        .containsExactlyInAnyOrderElementsOf(
            Stream.of(WireMessage.values()).map(WireMessage::fileName).toList());
  }

  @Test
  void the_step_result_samples_show_every_outcome_and_expansion_type() {
    Set<String> outcomes = new TreeSet<>();
    Set<String> expansions = new TreeSet<>();
    samples()
        .filter(sample -> messageOf(sample) == WireMessage.STEP_RESULT)
        .map(sample -> ContractResources.json(ContractResources.SAMPLES + sample).path("outcome"))
        .forEach(
            outcome -> {
              outcomes.add(outcome.path("type").asString());
              if (outcome.has("expansion")) {
                expansions.add(outcome.path("expansion").path("type").asString());
              }
            });

    assertThat(outcomes)
        .containsExactlyInAnyOrderElementsOf(JavaWire.subtypes(Outcome.class).keySet());
    assertThat(expansions)
        .containsExactlyInAnyOrderElementsOf(JavaWire.subtypes(Expansion.class).keySet());
  }

  @Test
  void there_are_samples_of_both_ways_to_create_batches_and_of_a_retry_delay() {
    List<JsonNode> outcomes =
        samples()
            .filter(sample -> messageOf(sample) == WireMessage.STEP_RESULT)
            .map(
                sample -> ContractResources.json(ContractResources.SAMPLES + sample).at("/outcome"))
            .toList();

    assertThat(outcomes).anyMatch(outcome -> outcome.at("/expansion/cursors").isArray());
    assertThat(outcomes)
        .anyMatch(
            outcome ->
                outcome.at("/expansion/total_items").isNumber()
                    && outcome.at("/expansion/batch_size").isNumber());
    assertThat(outcomes).anyMatch(outcome -> outcome.at("/retry_after_ms").isNumber());
  }

  @Test
  void a_batch_worker_sample_has_exactly_a_cursor_of_a_create_batches_sample_as_its_inputs() {
    List<BatchCursor> cursors = new ArrayList<>();
    samples()
        .filter(sample -> messageOf(sample) == WireMessage.STEP_RESULT)
        .map(sample -> RESULTS.decode(ContractResources.bytes(ContractResources.SAMPLES + sample)))
        .forEach(
            result -> {
              if (result.outcome() instanceof Outcome.Succeeded success
                  && success.expansion() instanceof Expansion.CreateBatches batches) {
                LongStream.range(0, batches.batchCount())
                    .mapToObj(batches::cursor)
                    .forEach(cursors::add);
              }
            });
    List<StepDispatch> batchWorkers =
        samples()
            .filter(sample -> messageOf(sample) == WireMessage.STEP_DISPATCH)
            .map(
                sample ->
                    DISPATCHES.decode(ContractResources.bytes(ContractResources.SAMPLES + sample)))
            .filter(dispatch -> BatchCursor.fromInputs(dispatch.inputs()).isPresent())
            .toList();

    assertThat(batchWorkers).as("batch worker samples").hasSizeGreaterThanOrEqualTo(2);
    for (StepDispatch dispatch : batchWorkers) {
      BatchCursor cursor = BatchCursor.fromInputs(dispatch.inputs()).orElseThrow();
      assertThat(cursors).as("cursors of the create_batches samples").contains(cursor);
      assertThat(dispatch.inputs()).isEqualTo(cursor.toInputs());
      assertThat(dispatch.stepName()).endsWith("_" + cursor.batchId());
    }
  }

  @SuppressWarnings("unchecked")
  private static <T> byte[] encode(JsonCodec<T> codec, Object message) {
    return codec.encode((T) message);
  }
}
