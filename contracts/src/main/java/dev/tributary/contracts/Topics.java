package dev.tributary.contracts;

import dev.tributary.contracts.internal.Require;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Topic names. Every name carries an optional prefix so that several installations (or test runs)
 * can share one Kafka cluster.
 *
 * @param prefix prepended to every topic name; empty by default
 */
public record Topics(String prefix) {

  /**
   * Template namespaces: 1 to 63 lowercase letters, digits, '_' and '-', starting with a letter or
   * digit. Namespaces become part of a topic name, so they are restricted to Kafka's legal
   * characters; every message that names a namespace is checked against this.
   */
  public static final Pattern NAMESPACE = Pattern.compile("[a-z0-9][a-z0-9_-]{0,62}");

  private static final Pattern LEGAL_PREFIX = Pattern.compile("[a-zA-Z0-9._-]*");

  public Topics {
    Objects.requireNonNull(prefix, "prefix");
    if (!LEGAL_PREFIX.matcher(prefix).matches()) {
      throw new IllegalArgumentException(
          "topic prefix '" + prefix + "' may only contain letters, digits, '.', '_' and '-'");
    }
  }

  /** The topic names without a prefix. */
  public static Topics defaults() {
    return new Topics("");
  }

  /** Clients to processor: requests to create a task from a template. Keyed by identity key. */
  public String taskRequests() {
    return prefix + "task-requests";
  }

  /** Workers to processor: step results. Keyed by task id. */
  public String stepResults() {
    return prefix + "step-results";
  }

  /** Processor to scheduler: "this task changed". Keyed by task id. */
  public String schedulingSignals() {
    return prefix + "scheduling-signals";
  }

  /** Processor to anyone: task state changes. Keyed by task id. */
  public String taskEvents() {
    return prefix + "task-events";
  }

  /** Any consumer to operators: messages that could not be processed, with the reason. */
  public String deadLetters() {
    return prefix + "dead-letters";
  }

  /** Scheduler to workers: the steps of one namespace to run. Keyed by task id. */
  public String dispatch(String namespace) {
    return prefix + "steps." + Require.namespace(namespace);
  }
}
