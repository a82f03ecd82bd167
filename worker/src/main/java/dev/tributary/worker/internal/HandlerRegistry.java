package dev.tributary.worker.internal;

import dev.tributary.contracts.Topics;
import dev.tributary.worker.StepHandler;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/** The handlers of a worker, by (namespace, handler name). Not an API. */
public final class HandlerRegistry {

  private final Map<Key, StepHandler> handlers;

  public HandlerRegistry() {
    this(new LinkedHashMap<>());
  }

  private HandlerRegistry(Map<Key, StepHandler> handlers) {
    this.handlers = handlers;
  }

  /** Adds a handler, checking that its namespace can name a topic and that it is the only one. */
  public void register(String namespace, String handler, StepHandler stepHandler) {
    Objects.requireNonNull(stepHandler, "stepHandler");
    if (namespace == null || !Topics.NAMESPACE.matcher(namespace).matches()) {
      throw new IllegalArgumentException(
          "namespace '"
              + namespace
              + "' is not a template namespace: it must match "
              + Topics.NAMESPACE.pattern());
    }
    if (handler == null || handler.isBlank()) {
      throw new IllegalArgumentException(
          "handler name must not be blank; use the handler named in the template's step");
    }
    Key key = new Key(namespace, handler);
    if (handlers.putIfAbsent(key, stepHandler) != null) {
      throw new IllegalArgumentException(
          "handler '"
              + handler
              + "' of namespace '"
              + namespace
              + "' is registered twice; each (namespace, handler) pair has one handler");
    }
  }

  public boolean isEmpty() {
    return handlers.isEmpty();
  }

  /** An immutable copy. */
  public HandlerRegistry copy() {
    return new HandlerRegistry(Map.copyOf(handlers));
  }

  @Nullable StepHandler find(String namespace, String handler) {
    return handlers.get(new Key(namespace, handler));
  }

  Set<String> namespaces() {
    Set<String> namespaces = new TreeSet<>();
    handlers.keySet().forEach(key -> namespaces.add(key.namespace()));
    return namespaces;
  }

  private record Key(String namespace, String handler) {}
}
