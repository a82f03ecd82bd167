package dev.tributary.e2e;

import static dev.tributary.store.schema.Tables.STEP_READINESS;
import static dev.tributary.store.schema.Tables.TASKS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tributary.contracts.TaskRequest;
import dev.tributary.contracts.TaskState;
import dev.tributary.processor.task.CreationOutcome;
import dev.tributary.processor.task.TaskCreation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.jooq.DSLContext;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.json.JsonMapper;

/** Creating tasks through a processor and waiting for them to finish. */
final class Workflows {

  private Workflows() {}

  static List<UUID> create(ConfigurableApplicationContext processor, String template, int count) {
    List<TaskRequest> requests = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      requests.add(
          TaskRequest.of("e2e", template, JsonMapper.shared().createObjectNode().put("n", i))
              .withIdempotencyKey(UUID.randomUUID().toString()));
    }
    return processor.getBean(TaskCreation.class).create(requests).stream()
        .map(outcome -> ((CreationOutcome.Created) outcome).taskId())
        .toList();
  }

  /** Waits for the tasks to reach the state; on timeout, says why the stragglers are stuck. */
  static void awaitState(DSLContext db, Collection<UUID> tasks, TaskState state) {
    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () ->
                assertThat(db.fetchCount(TASKS, TASKS.ID.in(tasks).and(TASKS.STATE.eq(state))))
                    .as(
                        () ->
                            "tasks " + state.wireName() + "; not yet:\n" + stuck(db, tasks, state))
                    .isEqualTo(tasks.size()));
  }

  private static String stuck(DSLContext db, Collection<UUID> tasks, TaskState state) {
    return db.select(TASKS.ID, TASKS.STATE, STEP_READINESS.NAME, STEP_READINESS.BLOCKING_REASON)
        .from(TASKS)
        .join(STEP_READINESS)
        .on(STEP_READINESS.TASK_ID.eq(TASKS.ID))
        .where(TASKS.ID.in(tasks))
        .and(TASKS.STATE.ne(state))
        .orderBy(TASKS.ID, STEP_READINESS.NAME)
        .limit(20)
        .fetch()
        .format();
  }
}
