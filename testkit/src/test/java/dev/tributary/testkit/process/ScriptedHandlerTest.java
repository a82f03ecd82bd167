package dev.tributary.testkit.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScriptedHandlerTest {

  @Test
  void every_behaviour_survives_its_text_form() {
    Map<String, ScriptedHandler> handlers = new LinkedHashMap<>();
    handlers.put("validate", ScriptedHandler.succeed().after(Duration.ofMillis(20)));
    handlers.put("flaky", ScriptedHandler.failEvery(3));
    handlers.put("retry", ScriptedHandler.failAttempts(2));
    handlers.put("route", ScriptedHandler.createSteps("express", "standard"));
    handlers.put("none", ScriptedHandler.noBranches());
    handlers.put("split", ScriptedHandler.createBatches(3).after(Duration.ofMillis(5)));
    handlers.put("empty", ScriptedHandler.noBatches());

    String text = ScriptedHandler.encodeAll(handlers);

    assertThat(text)
        .isEqualTo(
            "validate=succeed@20;flaky=fail_every:3;retry=fail_attempts:2;"
                + "route=create_steps:express+standard;none=no_branches;"
                + "split=create_batches:3@5;empty=no_batches");
    assertThat(ScriptedHandler.parseAll(text)).isEqualTo(handlers);
  }

  @Test
  void an_unknown_behaviour_is_refused_with_the_text() {
    assertThatThrownBy(() -> ScriptedHandler.parse("explode"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'explode'");
  }
}
