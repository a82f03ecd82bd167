package dev.tributary.e2e;

import dev.tributary.testkit.process.ScriptedHandler;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The chaos workload: an order that is validated (failing its first attempt), routed by a decision
 * to an express branch and a bulk branch that splits into three batches, packed when both are done
 * and shipped: nine steps, with a retry, a decision, batches and convergence. Generous attempts, so
 * that attempts lost to crashed workers never block a task: a blocked task is a wrongly failed one.
 */
final class ChaosWorkflows {

  static final String NAMESPACE = "chaos";
  static final String TEMPLATE = "order";

  /** Steps a task of the template ends with. */
  static final int STEPS_PER_TASK = 9;

  private static final String YAML =
      """
      namespace: chaos
      name: order
      version: "1"
      defaults:
        timeout: %ds
        retry: {max_attempts: 10, backoff: {base: 200ms, multiplier: 2, max: 2s, jitter: 0.2}}
      steps:
        - name: validate
        - name: route
          kind: decision
          depends_on: [validate]
          branches: [express, bulk]
        - name: express
          depends_on: [route]
        - name: bulk
          kind: batchable
          depends_on: [route]
          batch_worker: pick
        - name: pick
          kind: batch_worker
        - name: pack
          kind: convergence
          depends_on: [express, pick]
        - name: ship
          depends_on: [pack]
      """
          .formatted(ChaosPlan.STEP_TIMEOUT.toSeconds());

  private ChaosWorkflows() {}

  static void write(Path directory) throws IOException {
    Files.writeString(directory.resolve("order.yaml"), YAML, StandardCharsets.UTF_8);
  }

  /** What the workers do with each handler. */
  static Map<String, ScriptedHandler> handlers() {
    Map<String, ScriptedHandler> handlers = new LinkedHashMap<>();
    handlers.put("validate", ScriptedHandler.failAttempts(1));
    handlers.put("route", ScriptedHandler.createSteps("express", "bulk"));
    handlers.put("express", ScriptedHandler.succeed().after(Duration.ofMillis(50)));
    handlers.put("bulk", ScriptedHandler.createBatches(3));
    handlers.put("pick", ScriptedHandler.succeed().after(Duration.ofMillis(100)));
    handlers.put("pack", ScriptedHandler.succeed());
    handlers.put("ship", ScriptedHandler.succeed());
    return handlers;
  }
}
