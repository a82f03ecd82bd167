package dev.tributary.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class MessageHeadersTest {

  @Test
  void a_task_key_is_the_task_id_as_a_lowercase_uuid_string() {
    UUID taskId = UUID.fromString("0197367A-1F3E-7C41-9A2B-5D8E0F6C4A11");

    String key = MessageHeaders.taskKey(taskId);

    assertThat(key).isEqualTo("0197367a-1f3e-7c41-9a2b-5d8e0f6c4a11");
    assertThat(MessageHeaders.TASK_KEY.matcher(key).matches()).isTrue();
    assertThat(MessageHeaders.TASK_KEY.matcher(key.toUpperCase(Locale.ROOT)).matches()).isFalse();
  }
}
