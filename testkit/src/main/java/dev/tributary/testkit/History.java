package dev.tributary.testkit;

import java.util.ArrayList;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.Record;

/**
 * A history of realistic shape and size for the planner: every finished task, with its steps, edges
 * and audit rows, copied many times under new ids. The columns are read from the catalog, so a
 * column added by a later migration is copied too; the SQL is written from the catalog at run time,
 * so it is plain text, not jOOQ's generated types. Used by the plan tests and by the benchmark's
 * history scenario.
 */
public final class History {

  private static final List<String> TABLES =
      List.of(
          "tasks", "workflow_steps", "workflow_step_edges", "step_transitions", "task_transitions");

  private History() {}

  /**
   * Copies the complete tasks {@code copies} times, then refreshes the planner's statistics. A
   * copy's correlation id starts with {@code history-<n>-}, so that no copy is counted as one of
   * the tasks a later run requests.
   */
  public static void copyFinishedTasks(DSLContext db, int copies) {
    db.execute("CREATE TABLE history_source AS SELECT id FROM tasks WHERE state = 'complete'");
    for (String table : TABLES) {
      List<String> names = new ArrayList<>();
      List<String> values = new ArrayList<>();
      for (Record column : columns(db, table)) {
        String name = column.get("column_name", String.class);
        names.add(name);
        values.add(copied(name, column.get("data_type", String.class)));
      }
      String source = table.equals("tasks") ? "x.id" : "x.task_id";
      db.execute(
          "INSERT INTO "
              + table
              + " ("
              + String.join(", ", names)
              + ") SELECT "
              + String.join(", ", values)
              + " FROM "
              + table
              + " x CROSS JOIN generate_series(1, "
              + copies
              + ") g WHERE "
              + source
              + " IN (SELECT id FROM history_source)"
              + inOrder(db, table));
    }
    db.execute("DROP TABLE history_source");
    db.execute("ANALYZE");
  }

  /**
   * The audit's order is its identity column's: copies are numbered in the originals' order, so
   * that each copied step's transitions follow one another as the originals did.
   */
  private static String inOrder(DSLContext db, String table) {
    List<String> identity =
        db.fetch(
                "SELECT column_name FROM information_schema.columns"
                    + " WHERE table_schema = current_schema() AND table_name = ?"
                    + " AND is_identity = 'YES'",
                table)
            .getValues(0, String.class);
    return identity.isEmpty() ? "" : " ORDER BY g, x." + identity.getFirst();
  }

  private static List<Record> columns(DSLContext db, String table) {
    return db.fetch(
        "SELECT column_name, data_type FROM information_schema.columns"
            + " WHERE table_schema = current_schema() AND table_name = ? AND is_identity = 'NO'"
            + " ORDER BY ordinal_position",
        table);
  }

  /** Ids (not the template's) become new ones, the same in every table; the rest is kept. */
  private static String copied(String column, String type) {
    if (type.equals("uuid") && !column.startsWith("named_")) {
      return "md5(x." + column + "::text || g)::uuid";
    }
    if (column.equals("correlation_id")) {
      return "'history-' || g || '-' || x.correlation_id";
    }
    if (column.equals("identity_key")) {
      return "x.identity_key || '#' || g";
    }
    return "x." + column;
  }
}
