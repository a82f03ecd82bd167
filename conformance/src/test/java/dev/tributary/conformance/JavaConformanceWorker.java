package dev.tributary.conformance;

import dev.tributary.worker.StepContext;
import dev.tributary.worker.StepFailure;
import dev.tributary.worker.StepOutcome;
import dev.tributary.worker.TributaryWorker;
import dev.tributary.worker.WorkerOptions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.StreamSupport;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The kit's handlers written with the Java worker library, as docs/conformance.md describes them:
 * what a Java team would write to check its worker set-up, and what the kit's own test runs.
 */
final class JavaConformanceWorker {

  private JavaConformanceWorker() {}

  static TributaryWorker create(String bootstrap, String topicPrefix, String namespace) {
    WorkerOptions options =
        WorkerOptions.builder()
            .bootstrapServers(bootstrap)
            .groupId(namespace + "-java-workers")
            .topicPrefix(topicPrefix)
            .build();
    return TributaryWorker.builder(options)
        .handler(namespace, "echo", JavaConformanceWorker::echo)
        .handler(namespace, "fail", JavaConformanceWorker::fail)
        .handler(namespace, "checkpoint", JavaConformanceWorker::checkpoint)
        .handler(namespace, "sleep", JavaConformanceWorker::sleep)
        .handler(namespace, "decide", JavaConformanceWorker::decide)
        .handler(namespace, "split", JavaConformanceWorker::split)
        .build();
  }

  private static StepOutcome echo(StepContext context) {
    return StepOutcome.success(object().set("echo", context.inputs()));
  }

  private static StepOutcome fail(StepContext context) {
    JsonNode inputs = context.inputs();
    StepFailure failure =
        (inputs.path("retryable").asBoolean()
                ? StepFailure.retryable("asked to fail")
                : StepFailure.permanent("asked to fail"))
            .withErrorClass(inputs.path("error_class").asString());
    if (inputs.has("retry_after_ms")) {
      failure = failure.withRetryAfter(Duration.ofMillis(inputs.path("retry_after_ms").asLong()));
    }
    throw failure;
  }

  private static StepOutcome checkpoint(StepContext context) {
    JsonNode resumedFrom = context.lastCheckpoint().orElse(JsonNodeFactory.instance.nullNode());
    for (int done = 1; done <= context.inputs().path("count").asInt(); done++) {
      context.checkpoint(object().put("done", done));
    }
    return StepOutcome.success(object().set("resumed_from", resumedFrom));
  }

  /** Works for {@code ms}: a wait nothing ends early but the worker's interrupt at the timeout. */
  private static StepOutcome sleep(StepContext context) throws InterruptedException {
    boolean ended =
        new CountDownLatch(1).await(context.inputs().path("ms").asLong(), TimeUnit.MILLISECONDS);
    return StepOutcome.success(object().put("ended_early", ended));
  }

  private static StepOutcome decide(StepContext context) {
    List<String> branches =
        StreamSupport.stream(context.inputs().path("branches").spliterator(), false)
            .map(JsonNode::asString)
            .toList();
    return StepOutcome.decide(branches);
  }

  private static StepOutcome split(StepContext context) {
    JsonNode inputs = context.inputs();
    return StepOutcome.split(
        inputs.path("total_items").asLong(), inputs.path("batch_size").asInt());
  }

  private static ObjectNode object() {
    return JsonNodeFactory.instance.objectNode();
  }
}
