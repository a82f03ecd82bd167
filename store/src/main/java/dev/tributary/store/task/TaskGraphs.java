package dev.tributary.store.task;

import dev.tributary.contracts.StepState;
import dev.tributary.core.template.StepKind;
import dev.tributary.store.task.TaskGraph.Edge;
import dev.tributary.store.task.TaskGraph.Node;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Record;

/**
 * Reads a task's graph in one statement, so that its nodes and edges are of one moment. A batch
 * whose workers outnumber {@code groupAbove} comes back as one node, with its workers counted by
 * state in the database: a 10,000-worker batch costs the server one scan of the task's steps and
 * edges, and the reader a handful of rows.
 */
public final class TaskGraphs {

  // Nodes and edges in one result: a row is a node ('node', name, kind, ...) or an edge ('edge',
  // from, to). Workers of a grouped batch are named after their batch-worker template. Edges are
  // reached from the task's steps (by the edges' primary key, from_step first), not by a scan of
  // the edge table's task_id, which no index holds.
  private static final String GRAPH =
      """
      WITH steps AS (
          SELECT id, name, kind, state, attempts, max_attempts, named_step_id
          FROM workflow_steps WHERE task_id = ?),
      grouped AS (
          SELECT s.named_step_id, n.name
          FROM steps s JOIN named_steps n ON n.id = s.named_step_id
          WHERE s.kind = 'batch_worker'
          GROUP BY s.named_step_id, n.name HAVING count(*) > ?)
      SELECT 'node' AS row_kind, s.name AS a, s.kind AS b, s.state, s.attempts, s.max_attempts,
             false AS grouped, 1 AS count
      FROM steps s WHERE s.named_step_id NOT IN (SELECT named_step_id FROM grouped)
      UNION ALL
      SELECT 'node', g.name, 'batch_worker', s.state, max(s.attempts), max(s.max_attempts),
             true, count(*)
      FROM steps s JOIN grouped g USING (named_step_id)
      GROUP BY g.name, s.state
      UNION ALL
      SELECT DISTINCT 'edge', coalesce(fg.name, f.name), coalesce(tg.name, t.name), NULL::text,
             NULL::integer, NULL::integer, NULL::boolean, NULL::bigint
      FROM workflow_steps f
      JOIN workflow_step_edges e ON e.from_step = f.id
      JOIN workflow_steps t ON t.id = e.to_step
      LEFT JOIN grouped fg ON fg.named_step_id = f.named_step_id
      LEFT JOIN grouped tg ON tg.named_step_id = t.named_step_id
      WHERE f.task_id = ?
      ORDER BY 1, 2, 3
      """;

  private final DSLContext dsl;

  public TaskGraphs(DSLContext dsl) {
    this.dsl = dsl;
  }

  /** The task's graph; empty (no nodes) when the task has no steps or does not exist. */
  public TaskGraph of(UUID taskId, int groupAbove) {
    Map<String, Node> nodes = new LinkedHashMap<>();
    Map<String, Map<StepState, Integer>> groups = new LinkedHashMap<>();
    List<Edge> edges = new ArrayList<>();
    for (Record row : dsl.resultQuery(GRAPH, taskId, groupAbove, taskId).fetch()) {
      String a = row.get("a", String.class);
      String b = row.get("b", String.class);
      if ("edge".equals(row.get("row_kind", String.class))) {
        edges.add(new Edge(a, b));
      } else if (Boolean.TRUE.equals(row.get("grouped", Boolean.class))) {
        groups
            .computeIfAbsent(a, name -> new EnumMap<>(StepState.class))
            .put(state(row), row.get("count", Integer.class));
        nodes.merge(a, node(row, a, b), TaskGraphs::higherAttempts);
      } else {
        nodes.put(a, node(row, a, b));
      }
    }
    groups.forEach(
        (name, states) -> nodes.computeIfPresent(name, (key, node) -> asGroup(node, states)));
    return new TaskGraph(List.copyOf(nodes.values()), List.copyOf(edges));
  }

  private static Node node(Record row, String name, String kind) {
    return new Node(
        name,
        StepKind.fromWireName(kind),
        state(row),
        row.get("attempts", Integer.class),
        row.get("max_attempts", Integer.class),
        false,
        1,
        null);
  }

  private static StepState state(Record row) {
    return StepState.fromWireName(row.get("state", String.class));
  }

  private static Node higherAttempts(Node a, Node b) {
    return new Node(
        a.name(),
        a.kind(),
        a.state(),
        Math.max(a.attempts(), b.attempts()),
        Math.max(a.maxAttempts(), b.maxAttempts()),
        false,
        1,
        null);
  }

  private static Node asGroup(Node node, Map<StepState, Integer> states) {
    return new Node(
        node.name(),
        node.kind(),
        TaskGraph.groupState(states),
        node.attempts(),
        node.maxAttempts(),
        true,
        states.values().stream().mapToInt(Integer::intValue).sum(),
        Collections.unmodifiableMap(states));
  }
}
