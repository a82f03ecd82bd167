package dev.tributary.worker.internal;

import dev.tributary.contracts.ErrorClasses;
import dev.tributary.contracts.NulCharacter;
import dev.tributary.contracts.Outcome;
import dev.tributary.contracts.WorkerInfo;
import dev.tributary.worker.StepFailure;
import dev.tributary.worker.StepHandler;
import dev.tributary.worker.StepOutcome;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import tools.jackson.databind.JsonNode;

/**
 * One attempt running: publishes {@code started}, runs the handler on a thread of its own and
 * publishes exactly one answer, whichever comes first of the handler's outcome and the deadline.
 * Shutdown may abandon it instead, in which case it answers nothing and its dispatch is given back.
 */
final class Execution implements Runnable {

  private static final Logger log = LoggerFactory.getLogger(Execution.class);

  /** Keys of the SLF4J MDC entries set while a handler runs, so its own logs carry the ids. */
  static final String MDC_TASK_ID = "tributary.task_id";

  static final String MDC_STEP_ID = "tributary.step_id";
  static final String MDC_ATTEMPT = "tributary.attempt";

  private enum State {
    RUNNING,
    ANSWERED,
    ABANDONED
  }

  private final Received received;
  private final StepHandler handler;
  private final ResultPublisher publisher;
  private final Counters counters;
  private final Clock clock;
  private final String workerId;
  private final Runnable onAnswered;
  private final Consumer<Execution> onExit;
  private final AtomicReference<State> state = new AtomicReference<>(State.RUNNING);
  private final Instant startedAt;
  private final Span span;

  /** When the handler is stopped: its timeout after it started. */
  private final Instant deadline;

  /** This attempt's checkpoints so far: each carries the next number, so none regresses. */
  private final AtomicLong checkpoints = new AtomicLong();

  /** The thread running the handler, while it runs; guarded by {@code this}. */
  private @Nullable Thread runner;

  private volatile @Nullable ScheduledFuture<?> deadlineTimer;

  /**
   * @param onAnswered called (on a producer thread) once the answer was acknowledged
   * @param onExit called (on the handler thread) when the handler returned, whatever happened
   */
  Execution(
      Received received,
      StepHandler handler,
      ResultPublisher publisher,
      Counters counters,
      HandlerSpans spans,
      Clock clock,
      String workerId,
      Runnable onAnswered,
      Consumer<Execution> onExit) {
    this.received = received;
    this.span = spans.start(received);
    this.handler = handler;
    this.publisher = publisher;
    this.counters = counters;
    this.clock = clock;
    this.workerId = workerId;
    this.onAnswered = onAnswered;
    this.onExit = onExit;
    this.startedAt = clock.instant();
    // Once started, the attempt has its whole timeout; older dispatches only have the deadline.
    Long timeout = received.dispatch.timeoutMs();
    this.deadline = timeout != null ? startedAt.plusMillis(timeout) : received.dispatch.deadline();
  }

  /** Publishes {@code started}, arms the deadline and hands the handler to a thread. */
  void start(Executor threads, ScheduledExecutorService timer) {
    publisher.publish(received, new Outcome.Started(), new WorkerInfo(workerId, startedAt, null));
    long delayMillis = Duration.between(clock.instant(), deadline).toMillis();
    // Armed before the handler starts, so run() always finds it to cancel.
    deadlineTimer =
        timer.schedule(this::deadlinePassed, Math.max(0, delayMillis), TimeUnit.MILLISECONDS);
    threads.execute(this);
  }

  @Override
  public void run() {
    synchronized (this) {
      runner = Thread.currentThread();
    }
    MDC.put(MDC_TASK_ID, received.dispatch.taskId().toString());
    MDC.put(MDC_STEP_ID, received.dispatch.stepId().toString());
    MDC.put(MDC_ATTEMPT, String.valueOf(received.dispatch.attempt()));
    try {
      if (state.get() == State.RUNNING) {
        Outcome outcome;
        // The handler's own spans (an HTTP call it makes) are children of the run's.
        Scope scope = span.makeCurrent();
        try {
          outcome = runHandler();
        } finally {
          scope.close();
        }
        if (outcome != null) {
          answer(outcome);
        }
      }
    } finally {
      synchronized (this) {
        runner = null;
      }
      MDC.remove(MDC_TASK_ID);
      MDC.remove(MDC_STEP_ID);
      MDC.remove(MDC_ATTEMPT);
      ScheduledFuture<?> timer = deadlineTimer;
      if (timer != null) {
        timer.cancel(false);
      }
      onExit.accept(this);
    }
  }

  private @Nullable Outcome runHandler() {
    StepOutcome outcome;
    try {
      outcome = handler.handle(new DispatchContext(received.dispatch, deadline, this, clock));
    } catch (Throwable thrown) {
      if (isCancelled()) {
        log.debug("Handler of {} threw after the attempt was cancelled", received, thrown);
        return null;
      }
      Outcome.Failed failure = Failures.from(thrown);
      if (thrown instanceof StepFailure) {
        log.info(
            "Handler of {} failed ({}, {}): {}",
            received,
            failure.errorClass(),
            failure.retryable() ? "retryable" : "permanent",
            failure.message());
      } else {
        log.warn("Handler of {} threw; reporting a retryable failure", received, thrown);
      }
      if (thrown instanceof VirtualMachineError fatal) {
        answer(failure);
        throw fatal;
      }
      return failure;
    }
    if (outcome == null) {
      log.warn("Handler of {} returned null instead of a StepOutcome; failing it", received);
      return Failures.permanent(
          ErrorClasses.NO_OUTCOME,
          "the handler returned null; return StepOutcome.success() for a step without a result");
    }
    Optional<String> unstorable = NulCharacter.pathIn(outcome.result(), "result");
    if (unstorable.isPresent()) {
      log.warn(
          "Handler of {} returned a result with U+0000 at {}, which Tributary cannot store;"
              + " failing the step",
          received,
          unstorable.get());
      return Failures.permanent(
          ErrorClasses.INVALID_OUTCOME,
          unstorable.get() + " contains U+0000: " + NulCharacter.RULE);
    }
    return new Outcome.Succeeded(outcome.result(), outcome.expansion());
  }

  private void answer(Outcome outcome) {
    if (!state.compareAndSet(State.RUNNING, State.ANSWERED)) {
      log.debug("Discarding the outcome of {}: the attempt was cancelled", received);
      return;
    }
    (outcome instanceof Outcome.Succeeded ? counters.succeeded : counters.failed).increment();
    HandlerSpans.end(span, outcome);
    publisher.publish(
        received, outcome, new WorkerInfo(workerId, startedAt, clock.instant()), onAnswered);
  }

  /** On the timer thread: the deadline passed; fail the attempt unless it was answered. */
  private void deadlinePassed() {
    if (!state.compareAndSet(State.RUNNING, State.ANSWERED)) {
      return;
    }
    counters.deadlinesExceeded.increment();
    HandlerSpans.end(span, "deadline_exceeded", true);
    log.warn(
        "Handler of {} still running at its deadline {}; interrupting it and failing the attempt"
            + " as retryable",
        received,
        received.dispatch.deadline());
    publisher.publish(
        received,
        Failures.retryable(
            ErrorClasses.DEADLINE_EXCEEDED,
            "the handler was still running at the step's deadline "
                + deadline
                + " and was interrupted"),
        new WorkerInfo(workerId, startedAt, clock.instant()),
        onAnswered);
    interrupt();
  }

  /**
   * On shutdown, after the grace period: interrupts the handler and discards whatever it returns,
   * so the dispatch is given back uncommitted. Does nothing to an attempt already answered.
   *
   * @return whether the attempt was abandoned
   */
  boolean abandon() {
    if (!state.compareAndSet(State.RUNNING, State.ABANDONED)) {
      return false;
    }
    counters.givenBack.increment();
    HandlerSpans.end(span, "given_back", false);
    interrupt();
    return true;
  }

  boolean isCancelled() {
    return state.get() != State.RUNNING;
  }

  /**
   * @throws IllegalArgumentException when the checkpoint holds U+0000, which Tributary cannot store
   */
  void checkpoint(JsonNode checkpoint) {
    NulCharacter.pathIn(checkpoint, "checkpoint")
        .ifPresent(
            path -> {
              throw new IllegalArgumentException(path + " contains U+0000: " + NulCharacter.RULE);
            });
    if (isCancelled()) {
      log.debug("Ignoring a checkpoint of {}: the attempt was cancelled", received);
      return;
    }
    counters.checkpoints.increment();
    publisher.publish(
        received,
        new Outcome.Checkpointed(checkpoint, checkpoints.incrementAndGet()),
        new WorkerInfo(workerId, startedAt, null));
  }

  Received received() {
    return received;
  }

  private synchronized void interrupt() {
    if (runner != null) {
      runner.interrupt();
    }
  }
}
