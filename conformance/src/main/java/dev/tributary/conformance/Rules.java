package dev.tributary.conformance;

import static dev.tributary.conformance.Dispatches.object;

import dev.tributary.contracts.ErrorClasses;
import dev.tributary.contracts.Expansion;
import dev.tributary.contracts.MessageHeaders;
import dev.tributary.contracts.Outcome;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.LongStream;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The contract rules the kit checks, each with the dispatches that exercise it. The handlers they
 * name are the kit's (docs/conformance.md): {@code echo}, {@code fail}, {@code checkpoint}, {@code
 * sleep}, {@code decide} and {@code split}.
 */
final class Rules {

  static final String RETRYABLE_CLASS = "ConformanceRetryable";
  static final String PERMANENT_CLASS = "ConformancePermanent";
  static final long RETRY_AFTER_MS = 1_500;
  static final int CHECKPOINTS = 3;
  static final long TOTAL_ITEMS = 120_000;
  static final int BATCH_SIZE = 5_000;
  static final long SLEEP_MS = 60_000;
  static final long SHORT_TIMEOUT_MS = 1_000;

  private Rules() {}

  /** Every rule, in the order they are printed. */
  static List<Rule> all(Dispatches dispatches, KitTemplate template) {
    List<Rule> rules = new ArrayList<>(answerRules(dispatches, template));
    List<Sent> sent = new ArrayList<>();
    rules.addAll(everyAnswerRules(() -> sent));
    rules.forEach(rule -> sent.addAll(rule.dispatches()));
    return List.copyOf(rules);
  }

  /** Every rule's name, in the order they are printed. */
  static List<String> names() {
    KitTemplate template = KitTemplate.forNamespace(KitArguments.DEFAULT_NAMESPACE);
    return all(
            new Dispatches(template, KitArguments.DEFAULT_NAMESPACE, Clock.systemUTC()), template)
        .stream()
        .map(Rule::name)
        .toList();
  }

  private static List<Rule> answerRules(Dispatches d, KitTemplate template) {
    ObjectNode echoInputs = object().put("value", "conformance").put("n", 7);
    ObjectNode echoed = echo(echoInputs);
    ObjectNode future = echoInputs.deepCopy();
    Sent extraFields = d.of("echo", future);
    extraFields.json().put("x_conformance_future_field", "ignore me");
    extraFields.json().set("x_conformance_future_object", object().put("nested", true));
    Sent secondVersion = d.of("echo", echoInputs).notRun();
    secondVersion.json().put("schema_version", 2);
    Sent afterSecondVersion = d.of("echo", echoInputs);
    JsonNode checkpoint = object().put("done", 2);
    return List.of(
        new AnswerRule(
            "success",
            "echo answered success with {\"echo\": <its inputs>}",
            d.of("echo", echoInputs),
            success(s -> same("result", s.result(), echoed))),
        new AnswerRule(
            "failure_retryable",
            "fail answered a retryable failure with the error class asked for",
            d.of("fail", failInputs(true, RETRYABLE_CLASS, null)),
            failure(true, RETRYABLE_CLASS, null)),
        new AnswerRule(
            "failure_permanent",
            "fail answered a permanent failure with the error class asked for",
            d.of("fail", failInputs(false, PERMANENT_CLASS, null)),
            failure(false, PERMANENT_CLASS, null)),
        new AnswerRule(
            "retry_after",
            "fail answered a retryable failure with retry_after_ms " + RETRY_AFTER_MS,
            d.of("fail", failInputs(true, RETRYABLE_CLASS, RETRY_AFTER_MS)),
            failure(true, RETRYABLE_CLASS, RETRY_AFTER_MS)),
        new AnswerRule(
            "checkpoints",
            "checkpoint sent "
                + CHECKPOINTS
                + " checkpoints numbered 1.."
                + CHECKPOINTS
                + " by sequence, in order, then success",
            d.of("checkpoint", object().put("count", CHECKPOINTS)),
            Rules::checkpointsInOrder),
        new AnswerRule(
            "resume_from_checkpoint",
            "checkpoint at attempt 2 answered {\"resumed_from\": <the dispatch's checkpoint>}",
            d.retryOf("checkpoint", object().put("count", 1), 2, checkpoint),
            success(s -> same("result", s.result(), object().set("resumed_from", checkpoint)))),
        new AnswerRule(
            "decision",
            "decide answered create_steps naming the branch asked for, valid for its template",
            d.of("decide", object().set("branches", Dispatches.JSON.valueToTree(List.of("right")))),
            success(s -> decision(template, s))),
        new AnswerRule(
            "batch",
            "split answered create_batches of "
                + TOTAL_ITEMS
                + " items by "
                + BATCH_SIZE
                + ", valid for its template",
            d.of("split", object().put("total_items", TOTAL_ITEMS).put("batch_size", BATCH_SIZE)),
            success(s -> batches(template, s))),
        new AnswerRule(
            "unknown_fields_ignored",
            "a dispatch with fields the worker does not know was run as usual",
            extraFields,
            success(s -> same("result", s.result(), echo(future)))),
        new NotRunRule(
            "unknown_schema_version_not_run",
            "a dispatch of schema_version 2 was not run (no started, no success)",
            secondVersion,
            afterSecondVersion.sameTaskAs(secondVersion)),
        new AnswerRule(
            "deadline_passed",
            "a dispatch past its deadline got a retryable DeadlineExceeded without started",
            d.timed("echo", echoInputs, d.now().minus(Duration.ofMinutes(1)), Dispatches.TIMEOUT_MS)
                .notRun(),
            Rules::deadlineWithoutStarted),
        new AnswerRule(
            "timeout",
            "sleep stopped after timeout_ms ("
                + SHORT_TIMEOUT_MS
                + " ms) with a retryable DeadlineExceeded",
            d.timed(
                "sleep",
                object().put("ms", SLEEP_MS),
                d.now().plus(Dispatches.DEADLINE),
                SHORT_TIMEOUT_MS),
            failure(true, ErrorClasses.DEADLINE_EXCEEDED, null)),
        new DuplicateRule(
            "duplicate_dispatch",
            "a dispatch delivered twice was answered with the same success",
            d.of("echo", echoInputs),
            echoed),
        new AnswerRule(
            "unknown_handler",
            "a dispatch for a handler the worker lacks got a permanent UnknownHandler failure",
            d.withHandler("echo", "no_such_handler"),
            failure(false, ErrorClasses.UNKNOWN_HANDLER, null)));
  }

  private static List<Rule> everyAnswerRules(Supplier<List<Sent>> sent) {
    Set<UUID> messageIds = new HashSet<>();
    return List.of(
        new EveryAnswerRule(
            "result_envelope",
            "every result is a valid schema_version 1 step result for its dispatch's step and"
                + " attempt, with a message_id of its own",
            sent,
            (answer, to, all) -> envelope(answer, to, messageIds)),
        new EveryAnswerRule(
            "keys",
            "every result is keyed by its task id, a lowercase UUID",
            sent,
            (answer, to, all) ->
                to.taskId().toString().equals(answer.key())
                    ? Optional.empty()
                    : Optional.of("key " + quoted(answer.key()) + " instead of " + to.taskId())),
        new EveryAnswerRule(
            "started_first",
            "every attempt the worker ran began with a started result",
            sent,
            Rules::startedFirst),
        new EveryAnswerRule(
            "trace_context",
            "every result carries the "
                + MessageHeaders.TRACEPARENT
                + " header of its dispatch's trace",
            sent,
            (answer, to, all) -> traceContext(answer, to)));
  }

  static ObjectNode echo(JsonNode inputs) {
    return object().set("echo", inputs);
  }

  private static ObjectNode failInputs(
      boolean retryable, String errorClass, @Nullable Long retryAfterMs) {
    ObjectNode inputs = object().put("retryable", retryable).put("error_class", errorClass);
    if (retryAfterMs != null) {
      inputs.put("retry_after_ms", retryAfterMs);
    }
    return inputs;
  }

  private static AnswerRule.Check success(Function<Outcome.Succeeded, Optional<String>> then) {
    return (answers, end) ->
        end.outcome().orElseThrow() instanceof Outcome.Succeeded s
            ? then.apply(s)
            : Optional.of("answered " + end.describe() + " instead of success");
  }

  private static AnswerRule.Check failure(
      boolean retryable, String errorClass, @Nullable Long retryAfterMs) {
    return (answers, end) -> {
      if (!(end.outcome().orElseThrow() instanceof Outcome.Failed f)) {
        return Optional.of("answered " + end.describe() + " instead of a failure");
      }
      if (f.retryable() != retryable || !f.errorClass().equals(errorClass)) {
        return Optional.of(
            "answered "
                + end.describe()
                + " instead of failure("
                + (retryable ? "retryable" : "permanent")
                + ", "
                + errorClass
                + ")");
      }
      return Objects.equals(f.retryAfterMs(), retryAfterMs)
          ? Optional.empty()
          : Optional.of("retry_after_ms was " + f.retryAfterMs() + " instead of " + retryAfterMs);
    };
  }

  private static Optional<String> same(String what, JsonNode actual, JsonNode expected) {
    return actual.equals(expected)
        ? Optional.empty()
        : Optional.of(what + " was " + actual + " instead of " + expected);
  }

  private static Optional<String> checkpointsInOrder(List<Answer> answers, Answer end) {
    if (!(end.outcome().orElseThrow() instanceof Outcome.Succeeded)) {
      return Optional.of("answered " + end.describe() + " instead of success");
    }
    List<Outcome.Checkpointed> checkpoints =
        answers.subList(0, answers.indexOf(end)).stream()
            .flatMap(a -> a.outcome().stream())
            .filter(Outcome.Checkpointed.class::isInstance)
            .map(Outcome.Checkpointed.class::cast)
            .toList();
    List<Long> expected = LongStream.rangeClosed(1, CHECKPOINTS).boxed().toList();
    List<Long> sequences = checkpoints.stream().map(Outcome.Checkpointed::sequence).toList();
    if (!sequences.equals(expected)) {
      return Optional.of(
          "checkpoint sequences before the success were " + sequences + ", not " + expected);
    }
    for (int i = 0; i < CHECKPOINTS; i++) {
      JsonNode value = checkpoints.get(i).checkpoint();
      if (!value.equals(object().put("done", i + 1))) {
        return Optional.of(
            "checkpoint " + (i + 1) + " was " + value + " instead of {\"done\":" + (i + 1) + "}");
      }
    }
    return Optional.empty();
  }

  private static Optional<String> decision(KitTemplate template, Outcome.Succeeded success) {
    Optional<String> invalid = template.invalidReason("decide", success);
    if (invalid.isPresent()) {
      return invalid;
    }
    return success.expansion() instanceof Expansion.CreateSteps create
            && create.stepNames().equals(List.of("right"))
        ? Optional.empty()
        : Optional.of("the expansion was " + success.expansion() + ", not create_steps [right]");
  }

  private static Optional<String> batches(KitTemplate template, Outcome.Succeeded success) {
    Optional<String> invalid = template.invalidReason("split", success);
    if (invalid.isPresent()) {
      return invalid;
    }
    Expansion.CreateBatches expected = Expansion.CreateBatches.split(TOTAL_ITEMS, BATCH_SIZE);
    return success.expansion() instanceof Expansion.CreateBatches batches
            && batches.batchCount() == expected.batchCount()
        ? Optional.empty()
        : Optional.of(
            "the expansion was "
                + success.expansion()
                + ", not "
                + expected.batchCount()
                + " batches");
  }

  private static Optional<String> deadlineWithoutStarted(List<Answer> answers, Answer end) {
    Optional<String> failure =
        failure(true, ErrorClasses.DEADLINE_EXCEEDED, null).problem(answers, end);
    if (failure.isPresent()) {
      return failure;
    }
    return answers.stream().anyMatch(a -> a.outcome().orElse(null) instanceof Outcome.Started)
        ? Optional.of(
            "it sent started for a dispatch it must not start: " + Answer.summary(answers))
        : Optional.empty();
  }

  private static Optional<String> envelope(Answer answer, Sent to, Set<UUID> messageIds) {
    if (answer.result() == null) {
      return Optional.of("the processor would dead-letter it: " + answer.invalid());
    }
    if (!answer.result().taskId().equals(to.taskId())
        || answer.result().attempt() != to.attempt()) {
      return Optional.of(
          "task "
              + answer.result().taskId()
              + " attempt "
              + answer.result().attempt()
              + " answers step "
              + to.stepId()
              + " of task "
              + to.taskId()
              + " attempt "
              + to.attempt());
    }
    return messageIds.add(answer.result().messageId())
        ? Optional.empty()
        : Optional.of("message_id " + answer.result().messageId() + " was used twice");
  }

  private static Optional<String> startedFirst(Answer answer, Sent to, List<Answer> all) {
    int end = all.indexOf(all.stream().filter(Answer::isFinal).findFirst().orElse(null));
    if (!to.runs() || end < 0 || !all.get(end).equals(answer)) {
      return Optional.empty();
    }
    return all.subList(0, end).stream()
            .anyMatch(a -> a.outcome().orElse(null) instanceof Outcome.Started)
        ? Optional.empty()
        : Optional.of(
            "step " + to.stepId() + " was answered " + answer.describe() + " without started");
  }

  private static Optional<String> traceContext(Answer answer, Sent to) {
    String header = answer.traceparent();
    if (header == null) {
      return Optional.of("a " + answer.type() + " result without " + MessageHeaders.TRACEPARENT);
    }
    if (!Traceparent.FORM.matcher(header).matches()) {
      return Optional.of(
          MessageHeaders.TRACEPARENT + " " + quoted(header) + " is not W3C trace context");
    }
    return Traceparent.traceId(header).equals(to.traceId())
        ? Optional.empty()
        : Optional.of("trace id " + Traceparent.traceId(header) + " instead of " + to.traceId());
  }

  private static String quoted(@Nullable String value) {
    return value == null ? "(none)" : "'" + value + "'";
  }
}
