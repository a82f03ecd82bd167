package dev.tributary.core.expansion;

import static dev.tributary.core.result.StepSnapshots.step;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.tributary.contracts.BatchCursor;
import dev.tributary.contracts.Expansion;
import dev.tributary.contracts.StepState;
import dev.tributary.core.expansion.StepCreation.Edge;
import dev.tributary.core.expansion.StepCreation.NewStep;
import dev.tributary.core.result.StepSnapshot;
import dev.tributary.core.result.StepSnapshots;
import dev.tributary.core.template.StepKind;
import dev.tributary.core.template.TemplateParser;
import dev.tributary.core.template.TemplatePlan;
import dev.tributary.core.template.TemplateStep;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class ExpansionPlannerTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private static final String HEADER =
      """
      namespace: orders
      name: fulfil
      version: "1"
      """;

  /** A decision whose express branch has a follower, and a convergence with one after it. */
  private static final TemplatePlan ROUTED =
      plan(
          """
          steps:
            - name: validate
            - name: route
              kind: decision
              depends_on: [validate]
              branches: [express, standard]
            - name: express
              depends_on: [route]
            - name: express_label
              depends_on: [express]
            - name: standard
              depends_on: [route]
            - name: notify
              kind: convergence
              depends_on: [express_label, standard]
            - name: archive
              depends_on: [notify]
          """);

  /** A batch with its convergence and a step after it. */
  private static final TemplatePlan BATCHED =
      plan(
          """
          steps:
            - name: split
              kind: batchable
              batch_worker: process_batch
            - name: process_batch
              kind: batch_worker
            - name: merge
              kind: convergence
              depends_on: [process_batch]
            - name: report
              depends_on: [merge]
          """);

  /** A batch inside a decision's branch, and a convergence over the decision's branches. */
  private static final TemplatePlan NESTED =
      plan(
          """
          steps:
            - name: route
              kind: decision
              branches: [single, bulk]
            - name: single
              depends_on: [route]
            - name: bulk
              kind: batchable
              depends_on: [route]
              batch_worker: item
            - name: item
              kind: batch_worker
            - name: merge
              kind: convergence
              depends_on: [item]
            - name: ship
              kind: convergence
              depends_on: [single, merge]
          """);

  /** Two sibling batches and a convergence over both, created with the task. */
  private static final TemplatePlan SIBLINGS =
      plan(
          """
          steps:
            - name: left
              kind: batchable
              batch_worker: left_item
            - name: left_item
              kind: batch_worker
            - name: right
              kind: batchable
              batch_worker: right_item
            - name: right_item
              kind: batch_worker
            - name: join
              kind: convergence
              depends_on: [left_item, right_item]
          """);

  private final AtomicLong issued = new AtomicLong();

  private static TemplatePlan plan(String steps) {
    return TemplateParser.fromYaml(HEADER + steps, "ExpansionPlannerTest");
  }

  private static UUID id(long n) {
    return new UUID(0x1D, n);
  }

  private StepCreation plan(TemplatePlan template, String step, Expansion expansion) {
    ExpansionPlanner planner =
        new ExpansionPlanner(
            (id, json) -> Map.of(StepSnapshots.TEMPLATE, template).get(id),
            () -> id(issued.incrementAndGet()));
    StepSnapshot snapshot =
        step().named(step).kind(template.step(step).kind()).in(StepState.COMPLETE).build();
    return planner.plan(snapshot, expansion);
  }

  private static JsonNode json(String text) {
    return JSON.readTree(text);
  }

  private static Edge edge(String from, String to) {
    return new Edge(from, to);
  }

  /** Every edge between two created steps runs from one created earlier to one created later. */
  private static void assertCreatedInDependencyOrder(StepCreation creation) {
    List<String> names = creation.steps().stream().map(NewStep::name).toList();
    assertThat(creation.edges())
        .filteredOn(e -> names.contains(e.from()) && names.contains(e.to()))
        .allSatisfy(
            e -> assertThat(names.indexOf(e.from())).as("%s", e).isLessThan(names.indexOf(e.to())));
  }

  @Test
  void a_decision_creates_the_selected_branch_its_followers_and_the_convergence_after_it() {
    StepCreation creation = plan(ROUTED, "route", new Expansion.CreateSteps(List.of("express")));

    assertThat(creation.taskId()).isEqualTo(StepSnapshots.TASK);
    assertThat(creation.steps())
        .containsExactly(
            new NewStep(id(1), "express", "express", "{}"),
            new NewStep(id(2), "express_label", "express_label", "{}"),
            new NewStep(id(3), "notify", "notify", "{}"),
            new NewStep(id(4), "archive", "archive", "{}"));
    assertThat(creation.edges())
        .containsExactlyInAnyOrder(
            edge("route", "express"),
            edge("express", "express_label"),
            edge("express_label", "notify"),
            edge("standard", "notify"),
            edge("notify", "archive"));
  }

  @Test
  void a_decision_selecting_both_branches_creates_their_convergence_once_waiting_for_both() {
    StepCreation creation =
        plan(ROUTED, "route", new Expansion.CreateSteps(List.of("standard", "express")));

    assertThat(creation.steps())
        .extracting(NewStep::name)
        .containsExactlyInAnyOrder("express", "express_label", "standard", "notify", "archive");
    assertThat(creation.steps()).extracting(NewStep::id).doesNotHaveDuplicates();
    assertThat(creation.edges())
        .containsExactlyInAnyOrder(
            edge("route", "express"),
            edge("express", "express_label"),
            edge("route", "standard"),
            edge("express_label", "notify"),
            edge("standard", "notify"),
            edge("notify", "archive"));
    assertCreatedInDependencyOrder(creation);
  }

  @Test
  void a_convergence_keeps_an_edge_from_an_unselected_branch_which_names_no_step() {
    StepCreation creation = plan(ROUTED, "route", new Expansion.CreateSteps(List.of("standard")));

    assertThat(creation.steps())
        .extracting(NewStep::name)
        .containsExactly("standard", "notify", "archive");
    assertThat(creation.edges())
        .containsExactlyInAnyOrder(
            edge("route", "standard"),
            edge("express_label", "notify"),
            edge("standard", "notify"),
            edge("notify", "archive"));
  }

  @Test
  void no_branches_creates_nothing_and_takes_no_id() {
    StepCreation creation = plan(ROUTED, "route", new Expansion.NoBranches());

    assertThat(creation.taskId()).isEqualTo(StepSnapshots.TASK);
    assertThat(creation.steps()).isEmpty();
    assertThat(creation.edges()).isEmpty();
    assertThat(issued).hasValue(0);
  }

  @Test
  void a_batch_with_explicit_cursors_creates_a_worker_per_cursor_then_its_convergence() {
    List<BatchCursor> cursors =
        List.of(
            new BatchCursor("a", json("0"), json("10")),
            new BatchCursor("b-2", json("\"k\""), json("{\"page\": 3}")));

    StepCreation creation = plan(BATCHED, "split", Expansion.CreateBatches.of(cursors));

    assertThat(creation.steps())
        .extracting(NewStep::id, NewStep::name, NewStep::templateStep)
        .containsExactly(
            tuple(id(1), "process_batch_a", "process_batch"),
            tuple(id(2), "process_batch_b-2", "process_batch"),
            tuple(id(3), "merge", "merge"),
            tuple(id(4), "report", "report"));
    assertThat(creation.steps())
        .extracting(s -> json(s.inputsJson()))
        .containsExactly(
            json("{\"batch_id\": \"a\", \"start\": 0, \"end\": 10}"),
            json("{\"batch_id\": \"b-2\", \"start\": \"k\", \"end\": {\"page\": 3}}"),
            json("{}"),
            json("{}"));
    assertThat(creation.edges())
        .containsExactlyInAnyOrder(
            edge("split", "process_batch_a"),
            edge("split", "process_batch_b-2"),
            edge("process_batch_a", "merge"),
            edge("process_batch_b-2", "merge"),
            edge("merge", "report"));
  }

  @Test
  void a_batch_by_total_and_size_creates_a_worker_per_slice_with_its_cursor_as_input() {
    StepCreation creation = plan(BATCHED, "split", Expansion.CreateBatches.split(5, 2));

    assertThat(creation.steps())
        .filteredOn(s -> s.templateStep().equals("process_batch"))
        .extracting(NewStep::name, s -> json(s.inputsJson()))
        .containsExactly(
            tuple("process_batch_0", json("{\"batch_id\": \"0\", \"start\": 0, \"end\": 2}")),
            tuple("process_batch_1", json("{\"batch_id\": \"1\", \"start\": 2, \"end\": 4}")),
            tuple("process_batch_2", json("{\"batch_id\": \"2\", \"start\": 4, \"end\": 5}")));
    assertThat(creation.edges())
        .contains(
            edge("split", "process_batch_0"),
            edge("process_batch_2", "merge"),
            edge("merge", "report"));
  }

  @Test
  void batch_ids_of_a_split_are_padded_to_the_width_of_the_largest() {
    StepCreation creation = plan(BATCHED, "split", Expansion.CreateBatches.split(12, 1));

    assertThat(creation.steps())
        .extracting(NewStep::name)
        .startsWith("process_batch_00", "process_batch_01")
        .contains("process_batch_11")
        .hasSize(12 + 2);
  }

  @Test
  void no_batches_goes_straight_to_the_convergence() {
    StepCreation creation = plan(BATCHED, "split", new Expansion.NoBatches());

    assertThat(creation.steps()).extracting(NewStep::name).containsExactly("merge", "report");
    assertThat(creation.edges()).containsExactly(edge("merge", "report"));
  }

  @Test
  void a_convergence_over_branches_waits_on_the_batchable_step_standing_in_for_its_convergence() {
    StepCreation creation = plan(NESTED, "route", new Expansion.CreateSteps(List.of("bulk")));

    assertThat(creation.steps()).extracting(NewStep::name).containsExactly("bulk", "ship");
    assertThat(creation.edges())
        .containsExactlyInAnyOrder(
            edge("route", "bulk"),
            edge("bulk", "ship"),
            edge("single", "ship"),
            // Into steps the task does not have (item is a template, merge comes with the batch):
            // the store drops an edge into a step that neither exists nor is created.
            edge("bulk", "item"),
            edge("bulk", "merge"));
  }

  @Test
  void the_batch_hands_the_stand_in_edge_over_to_the_convergence_it_creates() {
    List<BatchCursor> cursors =
        List.of(
            new BatchCursor("x", json("0"), json("1")), new BatchCursor("y", json("1"), json("2")));

    StepCreation creation = plan(NESTED, "bulk", Expansion.CreateBatches.of(cursors));

    assertThat(creation.steps())
        .extracting(NewStep::name)
        .containsExactly("item_x", "item_y", "merge");
    assertThat(creation.edges())
        .containsExactlyInAnyOrder(
            edge("bulk", "item_x"),
            edge("bulk", "item_y"),
            edge("item_x", "merge"),
            edge("item_y", "merge"),
            edge("merge", "ship"),
            edge("single", "ship"));
  }

  @Test
  void a_batch_with_no_batches_still_hands_the_stand_in_edge_over() {
    StepCreation creation = plan(NESTED, "bulk", new Expansion.NoBatches());

    assertThat(creation.steps()).extracting(NewStep::name).containsExactly("merge");
    assertThat(creation.edges())
        .containsExactlyInAnyOrder(edge("merge", "ship"), edge("single", "ship"));
  }

  @Test
  void a_convergence_created_with_the_task_gets_edges_from_each_sibling_batchs_workers() {
    assertThat(SIBLINGS.initialSteps()).extracting(TemplateStep::name).contains("join");
    assertThat(SIBLINGS.step("join").kind()).isEqualTo(StepKind.CONVERGENCE);

    StepCreation creation =
        plan(
            SIBLINGS,
            "left",
            Expansion.CreateBatches.of(List.of(new BatchCursor("a", json("0"), json("9")))));

    assertThat(creation.steps()).extracting(NewStep::name).containsExactly("left_item_a");
    assertThat(creation.edges())
        .containsExactlyInAnyOrder(
            edge("left", "left_item_a"), edge("left_item_a", "join"), edge("right_item", "join"));
  }
}
