package dev.tributary.processor.web;

import dev.tributary.contracts.InvalidMessageException;
import dev.tributary.contracts.NulCharacter;
import dev.tributary.processor.operator.OperatorService;
import dev.tributary.store.operator.StepBlockage;
import dev.tributary.store.task.TaskView;
import java.security.Principal;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** What operators do to a task: explain, retry a step, resolve a step, cancel. */
@RestController
@RequestMapping("/api/v1/tasks/{taskId}")
class OperatorController {

  private final OperatorService operators;

  OperatorController(OperatorService operators) {
    this.operators = operators;
  }

  /** Each step's state and why it is not progressing. */
  @GetMapping("/readiness")
  List<StepBlockage> explain(@PathVariable UUID taskId) {
    return operators.explain(taskId);
  }

  /** Retries a failed step; a task blocked by it resumes. */
  @PostMapping("/steps/{step}/retry")
  TaskView retry(
      @PathVariable UUID taskId, @PathVariable String step, @Nullable Principal operator) {
    return operators.retry(taskId, step, name(operator));
  }

  /** Resolves a step by hand with a result: {@code {"result": {...}}}. */
  @PostMapping("/steps/{step}/resolve")
  TaskView resolve(
      @PathVariable UUID taskId,
      @PathVariable String step,
      @RequestBody Resolution resolution,
      @Nullable Principal operator) {
    NulCharacter.pathIn(resolution.result(), "result")
        .ifPresent(
            path -> {
              throw new InvalidMessageException(path + " contains U+0000: " + NulCharacter.RULE);
            });
    return operators.resolve(taskId, step, resolution.result().toString(), name(operator));
  }

  /** Cancels the task: later results for it are ignored. */
  @PostMapping("/cancel")
  TaskView cancel(@PathVariable UUID taskId, @Nullable Principal operator) {
    return operators.cancel(taskId, name(operator));
  }

  /** Who acted, for the audit rows: the API user, or "anonymous" with security turned off. */
  private static String name(@Nullable Principal operator) {
    return operator == null ? "anonymous" : operator.getName();
  }

  /**
   * @param result the step's result, as the steps that depend on it will see it
   */
  record Resolution(JsonNode result) {}
}
