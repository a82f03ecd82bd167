package dev.tributary.worker.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PartitionOffsetsTest {

  private final PartitionOffsets offsets = new PartitionOffsets();

  @Test
  void nothing_is_committable_before_a_record_is_read() {
    assertThat(offsets.committable()).isEmpty();
    assertThat(offsets.advanced()).isFalse();
  }

  @Test
  void the_committable_offset_stops_at_the_lowest_dispatch_not_done() {
    offsets.received(10);
    offsets.received(11);
    offsets.received(12);

    offsets.done(11);
    offsets.done(12);
    assertThat(offsets.committable()).hasValue(10);

    offsets.done(10);
    assertThat(offsets.committable()).hasValue(13);
  }

  @Test
  void advanced_says_whether_the_offset_moved_since_the_last_commit() {
    offsets.received(0);
    offsets.received(1);
    offsets.committed(0);
    assertThat(offsets.advanced()).isFalse();

    offsets.done(0);
    assertThat(offsets.advanced()).isTrue();

    offsets.committed(1);
    assertThat(offsets.advanced()).isFalse();
    assertThat(offsets.pending()).isEqualTo(1);
  }
}
