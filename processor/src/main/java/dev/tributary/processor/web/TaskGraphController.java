package dev.tributary.processor.web;

import dev.tributary.store.task.StepDetail;
import dev.tributary.store.task.StepReads;
import dev.tributary.store.task.StepTransition;
import dev.tributary.store.task.StepView;
import dev.tributary.store.task.TaskGraph;
import dev.tributary.store.task.TaskGraphs;
import dev.tributary.store.task.TaskSearch;
import dev.tributary.store.task.TaskSummary;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A task's steps as operators read them: the graph, the steps in pages, one step with why it is
 * (not) running, and its history.
 */
@RestController
@Validated
@RequestMapping("/api/v1/tasks/{taskId}")
class TaskGraphController {

  private final TaskSearch tasks;
  private final TaskGraphs graphs;
  private final StepReads steps;

  TaskGraphController(TaskSearch tasks, TaskGraphs graphs, StepReads steps) {
    this.tasks = tasks;
    this.graphs = graphs;
    this.steps = steps;
  }

  /**
   * The task's steps with their states and the edges between them, as they are now: steps created
   * at run time (decision branches, batch workers) appear once created. A batch of more than {@code
   * group_above} workers is one node that counts its workers by state.
   *
   * @param groupAbove how many workers a batch may have before it is drawn as one node
   */
  @GetMapping("/graph")
  Graph graph(
      @PathVariable UUID taskId,
      @RequestParam(name = "group_above", defaultValue = "25") @Min(1) @Max(10_000)
          int groupAbove) {
    TaskSummary task = tasks.summary(taskId).orElseThrow(() -> unknownTask(taskId));
    TaskGraph graph = graphs.of(taskId, groupAbove);
    return new Graph(task, graph.nodes(), graph.edges());
  }

  /**
   * @param task the task
   * @param nodes its steps, and batches grouped
   * @param edges from the step depended on to the step that depends on it
   */
  record Graph(TaskSummary task, List<TaskGraph.Node> nodes, List<TaskGraph.Edge> edges) {}

  /**
   * The task's steps in name order, a page at a time; pass a page's {@code next} as {@code after}.
   *
   * @param namePrefix only steps whose names start with this, e.g. one batch's workers
   * @param after the name the page starts after
   * @param limit the page's size
   */
  @GetMapping("/steps")
  StepList steps(
      @PathVariable UUID taskId,
      @RequestParam(name = "name_prefix", required = false) @Nullable String namePrefix,
      @RequestParam(required = false) @Nullable String after,
      @RequestParam(defaultValue = "100") @Min(1) @Max(1000) int limit) {
    if (tasks.summary(taskId).isEmpty()) {
      throw unknownTask(taskId);
    }
    List<StepView> page = steps.page(taskId, namePrefix, after, limit);
    return new StepList(page, page.size() == limit ? page.getLast().name() : null);
  }

  /**
   * @param steps the page, in name order
   * @param next the {@code after} of the next page; absent on the last page
   */
  record StepList(List<StepView> steps, @Nullable String next) {}

  /** One step, its result included, with its readiness: why it is (not) running. */
  @GetMapping("/steps/{stepName}")
  StepDetail step(@PathVariable UUID taskId, @PathVariable String stepName) {
    return steps.find(taskId, stepName).orElseThrow(() -> unknownStep(taskId, stepName));
  }

  /** The step's state changes, oldest first, from the audit rows. */
  @GetMapping("/steps/{stepName}/history")
  StepHistory history(@PathVariable UUID taskId, @PathVariable String stepName) {
    return new StepHistory(
        steps.history(taskId, stepName).orElseThrow(() -> unknownStep(taskId, stepName)));
  }

  /**
   * @param transitions the step's state changes, oldest first
   */
  record StepHistory(List<StepTransition> transitions) {}

  private static NotFoundException unknownTask(UUID taskId) {
    return new NotFoundException("task " + taskId);
  }

  private static NotFoundException unknownStep(UUID taskId, String step) {
    return new NotFoundException("step '" + step + "' of task " + taskId);
  }
}
