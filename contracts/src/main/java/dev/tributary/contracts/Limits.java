package dev.tributary.contracts;

/**
 * The limits a producer, a worker or a template author runs into, in one place: the services
 * enforce these numbers, and the contract states them (the AsyncAPI document's {@code
 * x-tributary-limits}, in snake_case, and the schemas' descriptions where each applies), so that a
 * worker in any language can discover them. Where a limit is a configuration property of a service,
 * the constant is its default.
 */
public final class Limits {

  /**
   * The largest message, in bytes of UTF-8 JSON, on any topic: larger records are dead-lettered
   * unread, and a worker's answer that would be larger is replaced by a {@link
   * ErrorClasses#RESULT_TOO_LARGE} failure. Kafka's own default limit is about the same.
   */
  public static final int MAX_MESSAGE_BYTES = 1_000_000;

  /**
   * The deepest nesting of objects and arrays in a message, the outermost object counting as level
   * 1: deeper messages are dead-lettered unread. A message is data, not a parser stress test, and a
   * deep document costs stack on every service that reads it.
   */
  public static final int MAX_NESTING_DEPTH = 64;

  /**
   * The largest task context, in bytes of its JSON: every dispatch of the task carries it, and a
   * dispatch must fit in one message with the step's inputs, checkpoint and envelope. A task
   * request with a larger context is rejected when it arrives (a dead letter, or a 422 problem on
   * the REST API), rather than accepted and failed at its first dispatch.
   */
  public static final int MAX_TASK_CONTEXT_BYTES = 900_000;

  /**
   * The most batch worker steps one {@code create_batches} outcome may create (explicit cursors, or
   * {@code total_items} divided by {@code batch_size} rounded up): an outcome asking for more fails
   * its step permanently with the reason, rather than flooding the database. The default of the
   * processor's {@code tributary.expansion.max-batches}.
   */
  public static final int MAX_BATCHES_PER_OUTCOME = 10_000;

  /**
   * The most steps one workflow template may declare: a template's steps are registered in one
   * multi-row insert, which must stay under PostgreSQL's 32,767 bind parameters.
   */
  public static final int MAX_STEPS_PER_TEMPLATE = 2_000;

  /**
   * The longest template text, in Unicode code points (3 MiB; as many bytes for ASCII YAML): longer
   * templates are rejected before they are parsed. The YAML parser (SnakeYAML Engine) has the same
   * limit by default, against documents built to exhaust memory.
   */
  public static final int MAX_TEMPLATE_CODE_POINTS = 3 * 1024 * 1024;

  /**
   * The most dependency results one dispatch carries, the first by step name: a step with more
   * dependencies gets the count of those left out in {@code dependency_results_omitted} and reads
   * them through the processor's REST API. Keeps a dispatch bounded however large the fan-in. The
   * default of the scheduler's {@code tributary.scheduler.max-dependency-results}.
   */
  public static final int MAX_DEPENDENCY_RESULTS_PER_DISPATCH = 100;

  /**
   * The largest dispatch, in bytes, that carries its dependency results: a dispatch that would be
   * larger with them is sent with none ({@code dependency_results} empty, every one counted in
   * {@code dependency_results_omitted}); one too large even without them fails its step with {@link
   * ErrorClasses#DISPATCH_TOO_LARGE}. The message limit, since a dispatch is one message.
   */
  public static final int MAX_DISPATCH_BYTES_WITH_DEPENDENCY_RESULTS = MAX_MESSAGE_BYTES;

  /**
   * The most dependency results one page of the processor's {@code GET
   * /api/v1/tasks/{taskId}/steps/{stepName}/dependency-results} returns (its {@code limit}, from 1;
   * 100 when not given).
   */
  public static final int MAX_DEPENDENCY_RESULTS_PAGE = 1_000;

  private Limits() {}
}
