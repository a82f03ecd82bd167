package dev.tributary.worker.internal.spring;

import dev.tributary.worker.StepHandler;
import dev.tributary.worker.TributaryWorker;
import dev.tributary.worker.WorkerCounters;
import dev.tributary.worker.WorkerOptions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;

/**
 * Runs a {@link TributaryWorker} for the {@code @TributaryHandler} methods while the application
 * context runs. Starts last and stops first, so handlers' dependencies are up for the whole run and
 * the grace period; stopping blocks for at most the grace period (plus committing and leaving the
 * group).
 */
final class WorkerLifecycle implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(WorkerLifecycle.class);

  private static final WorkerCounters NOTHING_YET =
      new WorkerCounters(0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

  private final HandlerMethods methods;
  private final ObjectProvider<WorkerOptions> options;
  private volatile @Nullable TributaryWorker worker;

  /** Wraps each handler before the worker starts: the metrics' timing, when there are metrics. */
  private volatile HandlerDecorator decorator = (namespace, name, handler) -> handler;

  WorkerLifecycle(HandlerMethods methods, ObjectProvider<WorkerOptions> options) {
    this.methods = methods;
    this.options = options;
  }

  @Override
  public void start() {
    List<MethodHandler> handlers = methods.handlers();
    if (handlers.isEmpty()) {
      log.info("No @TributaryHandler methods found; the Tributary worker does not start");
      return;
    }
    rejectDuplicates(handlers);
    TributaryWorker.Builder builder = TributaryWorker.builder(options.getObject());
    handlers.forEach(
        h ->
            builder.handler(
                h.namespace(), h.handler(), decorator.decorate(h.namespace(), h.handler(), h)));
    TributaryWorker started = builder.build();
    started.start();
    worker = started;
  }

  /** Wraps every handler with {@code decorator}; takes effect when the worker starts. */
  void decorateHandlers(HandlerDecorator decorator) {
    this.decorator = decorator;
  }

  /** Wraps a handler. */
  @FunctionalInterface
  interface HandlerDecorator {
    StepHandler decorate(String namespace, String handlerName, StepHandler handler);
  }

  @Override
  public void stop() {
    TributaryWorker stopping = worker;
    if (stopping != null) {
      stopping.close();
    }
  }

  @Override
  public boolean isRunning() {
    TributaryWorker current = worker;
    return current != null && current.isRunning();
  }

  /** The worker, once started. */
  @Nullable TributaryWorker worker() {
    return worker;
  }

  WorkerCounters counters() {
    TributaryWorker current = worker;
    return current == null ? NOTHING_YET : current.counters();
  }

  private static void rejectDuplicates(List<MethodHandler> handlers) {
    Map<List<String>, MethodHandler> seen = new HashMap<>();
    for (MethodHandler handler : handlers) {
      MethodHandler other =
          seen.putIfAbsent(List.of(handler.namespace(), handler.handler()), handler);
      if (other != null) {
        throw new IllegalStateException(
            "@TributaryHandler(namespace = \""
                + handler.namespace()
                + "\", handler = \""
                + handler.handler()
                + "\") is on two methods, "
                + other.describe()
                + " and "
                + handler.describe()
                + "; each (namespace, handler) pair has one handler");
      }
    }
  }
}
