package dev.tributary.contracts.schema;

import dev.tributary.contracts.BatchCursor;
import dev.tributary.contracts.Expansion;
import dev.tributary.contracts.Outcome;
import dev.tributary.contracts.SchedulingSignal;
import dev.tributary.contracts.StepDispatch;
import dev.tributary.contracts.StepResult;
import dev.tributary.contracts.TaskEvent;
import dev.tributary.contracts.TaskRequest;
import dev.tributary.contracts.TaskState;
import dev.tributary.contracts.UuidV7;
import dev.tributary.contracts.WorkerInfo;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Messages built the way Tributary's Java code builds them: every message type, every outcome and
 * expansion type, with optional fields both set and left out.
 */
final class JavaMessages {

  private static final Instant NOW = Instant.parse("2025-06-03T14:22:05.120Z");
  private static final UUID TASK = UuidV7.generate();
  private static final UUID STEP = UuidV7.generate();

  private JavaMessages() {}

  static List<Record> all() {
    return List.of(
        TaskRequest.of("orders", "fulfil_order", json("{\"order_id\": \"ORD-1\"}")),
        new TaskRequest(
                1,
                "orders",
                "fulfil_order",
                "1.2.0",
                json("{\"order_id\": \"ORD-1\", \"lines\": [{\"sku\": \"MUG\", \"quantity\": 2}]}"),
                "checkout-7f3a9c",
                "cart-52e1d0",
                null,
                -5,
                UUID.fromString("0197367a-1e00-7a01-8b02-0c1d2e3f4a5b"))
            .withIdempotencyKey("order:ORD-1"),
        result(new Outcome.Started(), new WorkerInfo("worker-1", NOW, null)),
        result(new Outcome.Succeeded(json("{\"reserved\": true}")), fullWorker()),
        result(new Outcome.Succeeded(JsonNodeFactory.instance.nullNode()), null),
        result(
            new Outcome.Succeeded(
                json("{\"route\": \"express\"}"),
                new Expansion.CreateSteps(List.of("ship_express", "notify_courier"))),
            null),
        result(new Outcome.Succeeded(json("[]"), new Expansion.NoBranches()), null),
        result(
            new Outcome.Succeeded(
                json("{\"invoices\": 2}"),
                Expansion.CreateBatches.of(
                    List.of(
                        new BatchCursor("a", json("0"), json("100")),
                        new BatchCursor("B-2_x", json("\"2025-05-16\""), json("{\"day\": 31}"))))),
            null),
        result(
            new Outcome.Succeeded(json("42"), Expansion.CreateBatches.split(120_000L, 5_000)),
            null),
        result(new Outcome.Succeeded(json("\"none\""), new Expansion.NoBatches()), null),
        result(
            new Outcome.Failed(true, "java.net.SocketTimeoutException", "read timed out", null),
            null),
        result(new Outcome.Failed(true, "RateLimited", "429", 30_000L), fullWorker()),
        result(new Outcome.Failed(false, "IllegalArgumentException", "", null), null),
        result(
            new Outcome.Checkpointed(json("{\"cursor\": 7500}")), new WorkerInfo(null, null, null)),
        result(new Outcome.Checkpointed(json("{\"cursor\": 10000}"), 2L), null),
        new StepDispatch(
            1,
            TASK,
            STEP,
            "ship_express",
            1,
            5,
            "orders",
            "shipping.book_express",
            json("{\"order_id\": \"ORD-1\"}"),
            JsonNodeFactory.instance.objectNode(),
            null,
            Map.of("reserve_stock", json("{\"reserved\": true}"), "audit", json("null")),
            0,
            null,
            NOW.plusSeconds(300),
            300_000L),
        new StepDispatch(
            1,
            TASK,
            STEP,
            "import_customers_01",
            2,
            3,
            "imports",
            "customers.import_batch",
            json("{}"),
            json("{\"batch_id\": \"01\", \"start\": 5000, \"end\": 10000}"),
            json("{\"cursor\": 7500, \"items_processed\": 2500}"),
            Map.of(),
            12,
            "import-2025-06-03",
            NOW.plusNanos(123_456_789),
            null),
        SchedulingSignal.forTask(TASK),
        new TaskEvent(
            1,
            UuidV7.generate(),
            TASK,
            "orders",
            "fulfil_order",
            "1.2.0",
            "checkout-7f3a9c",
            TaskState.IN_PROGRESS,
            TaskState.COMPLETE,
            NOW),
        new TaskEvent(
            1,
            UuidV7.generate(),
            TASK,
            "orders",
            "fulfil_order",
            "1",
            null,
            TaskState.PENDING,
            TaskState.BLOCKED_BY_FAILURES,
            NOW));
  }

  private static StepResult result(Outcome outcome, @Nullable WorkerInfo worker) {
    return new StepResult(1, UuidV7.generate(), TASK, STEP, 1, outcome, worker);
  }

  private static WorkerInfo fullWorker() {
    return new WorkerInfo("orders-worker-6d9f7c-xk2lp", NOW, NOW.plusMillis(1_754));
  }

  private static JsonNode json(String json) {
    return JsonMapper.shared().readTree(json);
  }
}
