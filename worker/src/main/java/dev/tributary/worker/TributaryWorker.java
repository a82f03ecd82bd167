package dev.tributary.worker;

import dev.tributary.worker.internal.HandlerRegistry;
import dev.tributary.worker.internal.WorkerRuntime;
import java.util.List;

/**
 * Consumes the steps the scheduler dispatches to its handlers' namespaces, runs each with its
 * handler and publishes the results. Build one with {@link #builder(WorkerOptions)}, {@link
 * #start()} it, and {@link #close()} it on shutdown.
 *
 * <p>What it guarantees:
 *
 * <ul>
 *   <li>it reads {@code steps.<namespace>} (with the topic prefix) for every namespace it has a
 *       handler for, in the consumer group of its options, so instances share the work;
 *   <li>at most {@link WorkerOptions#concurrency()} handlers run at once; when they are all busy it
 *       reads ahead until as many dispatches wait, then pauses the consumer instead of buffering
 *       more;
 *   <li>per attempt it publishes {@code started}, then {@code success} or {@code failure} (and any
 *       {@code checkpoint}s in between) with an idempotent producer, keyed by task id, carrying the
 *       dispatch's {@code traceparent} header;
 *   <li>a dispatch's offset is committed only once its result was acknowledged by the broker, so a
 *       crash means redelivery, never a lost step;
 *   <li>a handler still running at the step's deadline is interrupted and the attempt fails with
 *       error class {@code DeadlineExceeded} (retryable); a dispatch already past its deadline is
 *       failed the same way without running;
 *   <li>a record that is not a valid dispatch is logged, counted and skipped; a dispatch naming a
 *       handler this worker lacks is failed permanently with error class {@code UnknownHandler}.
 * </ul>
 *
 * <p>Thread-safe. {@link #start()} starts one polling thread; handlers run on virtual threads.
 */
public final class TributaryWorker implements AutoCloseable {

  private final WorkerRuntime runtime;

  private TributaryWorker(WorkerRuntime runtime) {
    this.runtime = runtime;
  }

  /** A builder for a worker with these options; add handlers, then build. */
  public static Builder builder(WorkerOptions options) {
    return new Builder(options);
  }

  /**
   * Connects to Kafka and starts consuming. Returns at once; dispatches are handled on the worker's
   * own threads.
   *
   * @throws IllegalStateException if the worker was started or closed before
   */
  public void start() {
    runtime.start();
  }

  /**
   * Stops the worker: stops fetching dispatches, gives in-flight handlers up to {@link
   * WorkerOptions#shutdownGracePeriod()} to finish and publishes their results, commits the offsets
   * of every dispatch whose result was acknowledged, then leaves the consumer group. Handlers still
   * running after the grace period are interrupted and their dispatches given back: their offsets
   * stay uncommitted, so another instance of the group receives them again. Blocks until done; does
   * nothing the second time.
   */
  @Override
  public void close() {
    runtime.close();
  }

  /** Whether the worker was started and not closed. */
  public boolean isRunning() {
    return runtime.isRunning();
  }

  /** What the worker has done so far. */
  public WorkerCounters counters() {
    return runtime.counters();
  }

  /** The dispatch topics the worker reads. */
  public List<String> topics() {
    return runtime.topics();
  }

  /** The worker's options. */
  public WorkerOptions options() {
    return runtime.options();
  }

  /** Registers handlers; {@link #build()} makes the worker. Not thread-safe. */
  public static final class Builder {

    private final WorkerOptions options;
    private final HandlerRegistry handlers = new HandlerRegistry();

    private Builder(WorkerOptions options) {
      this.options = options;
    }

    /**
     * Runs {@code stepHandler} for the dispatches of {@code namespace} whose handler is {@code
     * handler}.
     *
     * @throws IllegalArgumentException if the namespace is not a legal one or the pair already has
     *     a handler
     */
    public Builder handler(String namespace, String handler, StepHandler stepHandler) {
      handlers.register(namespace, handler, stepHandler);
      return this;
    }

    /**
     * The worker, not yet started.
     *
     * @throws IllegalStateException if no handler was registered
     */
    public TributaryWorker build() {
      if (handlers.isEmpty()) {
        throw new IllegalStateException(
            "a worker needs at least one handler; register one with"
                + " handler(namespace, handlerName, stepHandler)");
      }
      return new TributaryWorker(new WorkerRuntime(options, handlers.copy()));
    }
  }
}
