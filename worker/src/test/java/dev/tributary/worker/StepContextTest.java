package dev.tributary.worker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.contracts.BatchCursor;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class StepContextTest {

  @Test
  void a_batch_worker_reads_its_cursor_from_its_inputs() {
    StepContext context =
        contextWithInputs("{\"batch_id\": \"01\", \"start\": 5000, \"end\": 10000}");

    assertThat(context.batchCursor()).contains(new BatchCursor("01", json("5000"), json("10000")));
  }

  @Test
  void a_cursor_of_explicit_batches_may_hold_any_json() {
    StepContext context =
        contextWithInputs(
            "{\"batch_id\": \"2025-05-b\", \"start\": \"2025-05-16\", \"end\": {\"day\": 31}}");

    assertThat(context.batchCursor().orElseThrow().end()).isEqualTo(json("{\"day\": 31}"));
  }

  @Test
  void a_step_whose_inputs_are_not_a_cursor_has_none() {
    assertThat(contextWithInputs("{}").batchCursor()).isEmpty();
    assertThat(contextWithInputs("{\"order_id\": \"ORD-1\"}").batchCursor()).isEmpty();
    assertThat(contextWithInputs("{\"batch_id\": \"01\", \"start\": 0}").batchCursor()).isEmpty();
  }

  /** A context that knows only its inputs, enough for the methods computed from them. */
  private static StepContext contextWithInputs(String inputs) {
    JsonNode node = json(inputs);
    InvocationHandler handler =
        (proxy, method, arguments) -> {
          if (method.getName().equals("inputs")) {
            return node;
          }
          if (method.isDefault()) {
            return InvocationHandler.invokeDefault(proxy, method, arguments);
          }
          throw new UnsupportedOperationException(method.getName());
        };
    return (StepContext)
        Proxy.newProxyInstance(
            StepContext.class.getClassLoader(), new Class<?>[] {StepContext.class}, handler);
  }

  private static JsonNode json(String json) {
    return JsonMapper.shared().readTree(json);
  }
}
