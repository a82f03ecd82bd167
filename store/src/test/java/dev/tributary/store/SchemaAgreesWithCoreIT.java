package dev.tributary.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.contracts.StepState;
import dev.tributary.contracts.TaskState;
import dev.tributary.core.state.StepEvent;
import dev.tributary.core.state.StepGuard;
import dev.tributary.core.state.StepMachine;
import dev.tributary.core.state.TaskMachine;
import dev.tributary.core.template.StepKind;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Where the schema must restate a rule of the core in SQL (CHECK constraints, the readiness view,
 * the partial indexes the hot queries use), it says what the core's tables say. A state added to an
 * enum, or a state set changed in {@link StepMachine}, fails here until the migrations follow.
 */
class SchemaAgreesWithCoreIT {

  private static final Pattern QUOTED = Pattern.compile("'([a-z_]+)'::text");
  private static final Pattern ARRAY = Pattern.compile("ARRAY\\[([^\\]]*)]");

  private static DSLContext db;

  @BeforeAll
  static void migrate() {
    db = StoreDatabase.create();
  }

  @Test
  void the_state_and_kind_checks_list_exactly_the_core_values() {
    assertThat(checkedValues("workflow_steps", "state"))
        .containsExactlyInAnyOrderElementsOf(wireNames(StepState.values()));
    assertThat(checkedValues("tasks", "state"))
        .containsExactlyInAnyOrderElementsOf(wireNames(TaskState.values()));
    assertThat(checkedValues("workflow_steps", "kind"))
        .containsExactlyInAnyOrderElementsOf(
            Arrays.stream(StepKind.values()).map(StepKind::wireName).toList());
    assertThat(checkedValues("named_steps", "kind"))
        .containsExactlyInAnyOrderElementsOf(
            Arrays.stream(StepKind.values()).map(StepKind::wireName).toList());
  }

  @Test
  void
      the_readiness_view_counts_as_done_what_satisfies_dependents_and_as_running_what_is_in_flight() {
    String view =
        db.fetchValue("SELECT pg_get_viewdef('step_readiness'::regclass, true)").toString();

    assertThat(arrays(view))
        .containsExactlyInAnyOrder(
            wireNames(StepMachine.SATISFIES_DEPENDENTS), wireNames(StepMachine.IN_FLIGHT));
    assertThat(view)
        .contains(
            "s.state = '"
                + StepMachine.source(StepEvent.CLAIMED, StepGuard.READY).wireName()
                + "'::text")
        .contains("s.state = '" + StepState.WAITING_FOR_RETRY.wireName() + "'::text");
  }

  @Test
  void the_partial_indexes_hold_the_states_the_claims_sweeps_and_retention_take_from_the_tables() {
    assertThat(quoted(indexPredicate("workflow_steps_in_flight")))
        .containsExactlyInAnyOrderElementsOf(wireNames(StepMachine.IN_FLIGHT));
    String ready = StepMachine.source(StepEvent.CLAIMED, StepGuard.READY).wireName();
    assertThat(quoted(indexPredicate("workflow_steps_ready_by_task"))).containsExactly(ready);
    assertThat(quoted(indexPredicate("workflow_steps_ready_by_priority"))).containsExactly(ready);
    assertThat(quoted(indexPredicate("workflow_steps_retry_due")))
        .containsExactly(StepMachine.source(StepEvent.CLAIMED, StepGuard.RETRY_DUE).wireName());
    assertThat(quoted(indexPredicate("tasks_finished")))
        .as("retention's index")
        .containsExactlyInAnyOrderElementsOf(
            wireNames(TaskMachine.FINISHED.toArray(TaskState[]::new)));
  }

  private static List<String> checkedValues(String table, String column) {
    List<String> definitions =
        db.fetch(
                "SELECT pg_get_constraintdef(c.oid) FROM pg_constraint c"
                    + " JOIN pg_class t ON t.oid = c.conrelid"
                    + " WHERE t.relname = ? AND c.contype = 'c'"
                    + " AND pg_get_constraintdef(c.oid) LIKE ?",
                table,
                "%(" + column + " = %")
            .getValues(0, String.class);
    assertThat(definitions).as("the CHECK on %s.%s", table, column).hasSize(1);
    return quoted(definitions.getFirst());
  }

  private static String indexPredicate(String index) {
    Object predicate =
        db.fetchValue(
            "SELECT pg_get_expr(i.indpred, i.indrelid) FROM pg_index i"
                + " JOIN pg_class c ON c.oid = i.indexrelid WHERE c.relname = ?",
            index);
    assertThat(predicate).as("the predicate of index %s", index).isNotNull();
    return predicate.toString();
  }

  private static List<String> quoted(String sql) {
    Matcher matcher = QUOTED.matcher(sql);
    List<String> values = new java.util.ArrayList<>();
    while (matcher.find()) {
      values.add(matcher.group(1));
    }
    return values;
  }

  /** The distinct literal arrays in the SQL, each as a set of states. */
  private static Set<Set<String>> arrays(String sql) {
    Set<Set<String>> arrays = new LinkedHashSet<>();
    Matcher matcher = ARRAY.matcher(sql);
    while (matcher.find()) {
      arrays.add(Set.copyOf(quoted(matcher.group(1))));
    }
    return arrays;
  }

  private static Set<String> wireNames(Set<StepState> states) {
    return states.stream().map(StepState::wireName).collect(Collectors.toSet());
  }

  private static List<String> wireNames(Enum<?>[] values) {
    return Arrays.stream(values).map(v -> v.name().toLowerCase(java.util.Locale.ROOT)).toList();
  }
}
