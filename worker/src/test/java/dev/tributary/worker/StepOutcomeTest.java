package dev.tributary.worker;

import static dev.tributary.worker.FakeScheduler.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.tributary.contracts.BatchCursor;
import dev.tributary.contracts.Expansion;
import java.util.List;
import org.junit.jupiter.api.Test;

class StepOutcomeTest {

  @Test
  void each_factory_carries_its_expansion() {
    assertThat(StepOutcome.success().expansion()).isNull();
    assertThat(StepOutcome.success().result().isNull()).isTrue();
    assertThat(StepOutcome.decide("a", "b").expansion())
        .isEqualTo(new Expansion.CreateSteps(List.of("a", "b")));
    assertThat(StepOutcome.noBranches().expansion()).isEqualTo(new Expansion.NoBranches());
    BatchCursor cursor = new BatchCursor("b1", json("0"), json("10"));
    assertThat(StepOutcome.batches(List.of(cursor)).expansion())
        .isEqualTo(Expansion.CreateBatches.of(List.of(cursor)));
    assertThat(StepOutcome.split(100, 10).expansion())
        .isEqualTo(Expansion.CreateBatches.split(100, 10));
    assertThat(StepOutcome.noBatches().expansion()).isEqualTo(new Expansion.NoBatches());
  }

  @Test
  void a_result_can_be_added_to_an_expansion() {
    StepOutcome outcome = StepOutcome.decide("express").withResult(json("{\"kg\": 2}"));

    assertThat(outcome.result()).isEqualTo(json("{\"kg\": 2}"));
    assertThat(outcome.expansion()).isEqualTo(new Expansion.CreateSteps(List.of("express")));
  }

  @Test
  void empty_choices_point_to_the_explicit_none() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> StepOutcome.decide(List.of()))
        .withMessageContaining("noBranches()");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> StepOutcome.batches(List.of()))
        .withMessageContaining("noBatches()");
  }
}
