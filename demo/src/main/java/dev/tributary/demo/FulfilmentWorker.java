package dev.tributary.demo;

import dev.tributary.contracts.BatchCursor;
import dev.tributary.worker.StepContext;
import dev.tributary.worker.StepFailure;
import dev.tributary.worker.StepOutcome;
import dev.tributary.worker.TributaryWorker;
import dev.tributary.worker.WorkerOptions;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The sample workers: one handler per step of {@code demo/fulfil_order}, written with the worker
 * library as any application would. Each pretends to work for a few milliseconds.
 */
final class FulfilmentWorker {

  static final String NAMESPACE = "demo";
  static final String TEMPLATE = "fulfil_order";

  /** Items one pick_batch worker picks. */
  static final int PICK_BATCH_SIZE = 10;

  /** Steps in flight at once: plenty, the handlers mostly wait. */
  static final int CONCURRENCY = 64;

  /** The workers' consumer group, before the topic prefix. */
  static final String GROUP = "demo-fulfilment-workers";

  /** The name the workers in the demo's own process report in their results. */
  static final String IN_PROCESS_WORKER_ID = "demo-fulfilment-worker";

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private FulfilmentWorker() {}

  /**
   * The worker, not yet started, on this Kafka (its client settings and topic prefix included).
   *
   * @param workerId the name it reports in its results; null for the library's default, the host
   *     name and process id, which tells instances of their own process apart
   */
  static TributaryWorker create(KafkaAccess kafka, @Nullable String workerId) {
    WorkerOptions.Builder options =
        WorkerOptions.builder()
            .bootstrapServers(kafka.bootstrapServers())
            .kafkaProperties(kafka.clientProperties())
            .topicPrefix(kafka.topicPrefix())
            .groupId(kafka.groupId(GROUP))
            .concurrency(CONCURRENCY)
            .shutdownGracePeriod(Duration.ofSeconds(2));
    if (workerId != null) {
      options.workerId(workerId);
    }
    return builder(options.build());
  }

  private static TributaryWorker builder(WorkerOptions options) {
    return TributaryWorker.builder(options)
        .handler(NAMESPACE, "validate_order", FulfilmentWorker::validateOrder)
        .handler(NAMESPACE, "reserve_stock", FulfilmentWorker::reserveStock)
        .handler(NAMESPACE, "charge_payment", FulfilmentWorker::chargePayment)
        .handler(NAMESPACE, "pick_items", FulfilmentWorker::pickItems)
        .handler(NAMESPACE, "pick_batch", FulfilmentWorker::pickBatch)
        .handler(NAMESPACE, "pack_order", FulfilmentWorker::packOrder)
        .handler(NAMESPACE, "choose_carrier", FulfilmentWorker::chooseCarrier)
        .handler(NAMESPACE, "ship_express", context -> ship(context, "EXP"))
        .handler(NAMESPACE, "ship_standard", context -> ship(context, "STD"))
        .handler(NAMESPACE, "notify_customer", FulfilmentWorker::notifyCustomer)
        .build();
  }

  /**
   * The task context of the demo's n-th order: its id, its item count (5 to 50), whether it ships
   * express (every third) and whether its payment gateway times out once (every fourth).
   */
  static ObjectNode order(int n) {
    return order(n, false);
  }

  /**
   * The n-th order, or when {@code invalid} the same without items: validate_order fails it for
   * good.
   */
  static ObjectNode order(int n, boolean invalid) {
    return JSON.objectNode()
        .put("order_id", "ORD-%05d".formatted(n))
        .put("items", invalid ? 0 : items(n))
        .put("express", n % 3 == 0)
        .put("flaky_payment", n % 4 == 0);
  }

  /** How many steps the first {@code tasks} orders make in all, batch workers included. */
  static long expectedSteps(int tasks) {
    long steps = 0;
    for (int n = 1; n <= tasks; n++) {
      // validate, reserve, charge, pick_items, pack, choose, one ship step, notify; one
      // pick_batch per batch.
      steps += 8 + (items(n) + PICK_BATCH_SIZE - 1) / PICK_BATCH_SIZE;
    }
    return steps;
  }

  private static int items(int n) {
    return 5 + (n * 7) % 46;
  }

  private static StepOutcome validateOrder(StepContext context) throws InterruptedException {
    work(context);
    JsonNode order = context.taskContext();
    if (!order.path("order_id").isString() || order.path("items").asInt(0) < 1) {
      throw StepFailure.permanent("an order needs an order_id and at least one item")
          .withErrorClass("InvalidOrder");
    }
    return StepOutcome.success(
        JSON.objectNode()
            .put("order_id", order.get("order_id").asString())
            .put("items", order.get("items").asInt()));
  }

  /**
   * Fails for good on its first attempt for orders with {@code backorder}: the stock is not there
   * until an operator, who knows it arrived, retries the step.
   */
  private static StepOutcome reserveStock(StepContext context) throws InterruptedException {
    work(context);
    if (context.taskContext().path("backorder").asBoolean(false) && context.attempt() == 1) {
      throw StepFailure.permanent("out of stock: retry the step once the stock arrives")
          .withErrorClass("OutOfStock");
    }
    String[] warehouses = {"AMS-1", "BER-2", "LIS-1"};
    int items = context.taskContext().path("items").asInt();
    return StepOutcome.success(
        JSON.objectNode()
            .put("warehouse", warehouses[items % warehouses.length])
            .put("items", items));
  }

  /** Fails its first attempt for orders with {@code flaky_payment}: the retry succeeds. */
  private static StepOutcome chargePayment(StepContext context) throws InterruptedException {
    work(context);
    if (context.taskContext().path("flaky_payment").asBoolean(false) && context.attempt() == 1) {
      throw StepFailure.retryable("payment gateway timed out").withErrorClass("GatewayTimeout");
    }
    int items = context.taskContext().path("items").asInt();
    return StepOutcome.success(
        JSON.objectNode().put("amount_cents", items * 1_250).put("attempt", context.attempt()));
  }

  /** Splits the order's items into batches: one pick_batch step per batch. */
  private static StepOutcome pickItems(StepContext context) throws InterruptedException {
    work(context);
    int items = context.taskContext().path("items").asInt();
    return StepOutcome.split(items, PICK_BATCH_SIZE)
        .withResult(JSON.objectNode().put("items", items).put("batch_size", PICK_BATCH_SIZE));
  }

  private static StepOutcome pickBatch(StepContext context) throws InterruptedException {
    work(context);
    BatchCursor batch = context.batchCursor().orElseThrow();
    return StepOutcome.success(
        JSON.objectNode()
            .put("batch", batch.batchId())
            .put("picked", batch.end().asLong() - batch.start().asLong()));
  }

  /** Converges on whichever batch workers were created: sums what they picked. */
  private static StepOutcome packOrder(StepContext context) throws InterruptedException {
    work(context);
    long picked =
        context.dependencyResults().values().stream()
            .mapToLong(result -> result.path("picked").asLong())
            .sum();
    return StepOutcome.success(
        JSON.objectNode().put("parcels", context.dependencyResults().size()).put("items", picked));
  }

  /** Decides the branch: only the chosen ship step is created. */
  private static StepOutcome chooseCarrier(StepContext context) throws InterruptedException {
    work(context);
    boolean express = context.taskContext().path("express").asBoolean(false);
    String branch = express ? "ship_express" : "ship_standard";
    return StepOutcome.decide(branch).withResult(JSON.objectNode().put("chose", branch));
  }

  private static StepOutcome ship(StepContext context, String service) throws InterruptedException {
    work(context);
    return StepOutcome.success(
        JSON.objectNode()
            .put("tracking", service + "-" + context.taskContext().path("order_id").asString()));
  }

  /** Converges on the one shipping branch the decision created. */
  private static StepOutcome notifyCustomer(StepContext context) throws InterruptedException {
    work(context);
    ObjectNode result = JSON.objectNode().put("notified", true);
    context
        .dependencyResults()
        .forEach(
            (step, shipped) ->
                result.put("shipped_by", step).set("tracking", shipped.path("tracking")));
    return StepOutcome.success(result);
  }

  /**
   * Pretends to work: 2 to 12 ms, or the order's {@code step_ms} when it has one, so that a person
   * (or a browser test) can watch an order's DAG move in the console.
   */
  private static void work(StepContext context) throws InterruptedException {
    int stepMs = context.taskContext().path("step_ms").asInt(0);
    Thread.sleep(
        stepMs > 0 ? Math.min(stepMs, 10_000) : ThreadLocalRandom.current().nextInt(2, 13));
  }
}
