package dev.tributary.core.result;

import dev.tributary.contracts.StepState;
import dev.tributary.contracts.TaskState;
import dev.tributary.core.template.StepKind;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Loaded steps for tests: a standard step of one task, enqueued at its first of three attempts,
 * retryable, backoff 1s doubling up to 1m without jitter, unless a test says otherwise.
 */
public final class StepSnapshots {

  public static final UUID TASK = new UUID(0xA, 1);
  public static final UUID STEP = new UUID(0xB, 1);
  public static final UUID TEMPLATE = new UUID(0xC, 1);

  private UUID stepId = STEP;
  private UUID taskId = TASK;
  private String name = "work";
  private String templateStep = "work";
  private StepKind kind = StepKind.STANDARD;
  private StepState state = StepState.ENQUEUED;
  private int attempts = 1;
  private long checkpointSequence;
  private int maxAttempts = 3;
  private boolean retryable = true;
  private int backoffBaseMs = 1_000;
  private double backoffMultiplier = 2;
  private int backoffMaxMs = 60_000;
  private double backoffJitter;
  private @Nullable String templateJson;
  private int freeAttempts;
  private int timeoutMs = 30_000;
  private @Nullable Integer scheduleToStartMs;
  private @Nullable Instant waitingSince;

  private StepSnapshots() {}

  public static StepSnapshots step() {
    return new StepSnapshots();
  }

  public StepSnapshots id(UUID stepId) {
    this.stepId = stepId;
    return this;
  }

  public StepSnapshots task(UUID taskId) {
    this.taskId = taskId;
    return this;
  }

  /** The step's name and the template step it instantiates. */
  public StepSnapshots named(String name) {
    this.name = name;
    this.templateStep = name;
    return this;
  }

  public StepSnapshots instanceOf(String templateStep) {
    this.templateStep = templateStep;
    return this;
  }

  public StepSnapshots kind(StepKind kind) {
    this.kind = kind;
    return this;
  }

  public StepSnapshots in(StepState state) {
    this.state = state;
    return this;
  }

  public StepSnapshots attempt(int attempts) {
    this.attempts = attempts;
    return this;
  }

  public StepSnapshots checkpointSequence(long checkpointSequence) {
    this.checkpointSequence = checkpointSequence;
    return this;
  }

  public StepSnapshots maxAttempts(int maxAttempts) {
    this.maxAttempts = maxAttempts;
    return this;
  }

  public StepSnapshots retryable(boolean retryable) {
    this.retryable = retryable;
    return this;
  }

  public StepSnapshots backoff(int baseMs, double multiplier, int maxMs, double jitter) {
    this.backoffBaseMs = baseMs;
    this.backoffMultiplier = multiplier;
    this.backoffMaxMs = maxMs;
    this.backoffJitter = jitter;
    return this;
  }

  public StepSnapshots freeAttempts(int freeAttempts) {
    this.freeAttempts = freeAttempts;
    return this;
  }

  public StepSnapshots waiting(Instant since, @Nullable Integer scheduleToStartMs) {
    this.waitingSince = since;
    this.scheduleToStartMs = scheduleToStartMs;
    return this;
  }

  public StepSnapshots templateJson(String templateJson) {
    this.templateJson = templateJson;
    return this;
  }

  public StepSnapshot build() {
    return new StepSnapshot(
        stepId,
        taskId,
        name,
        templateStep,
        kind,
        state,
        attempts,
        checkpointSequence,
        maxAttempts,
        retryable,
        backoffBaseMs,
        backoffMultiplier,
        backoffMaxMs,
        backoffJitter,
        TaskState.IN_PROGRESS,
        TEMPLATE,
        templateJson,
        freeAttempts,
        timeoutMs,
        scheduleToStartMs,
        waitingSince,
        null,
        "test",
        "template");
  }
}
