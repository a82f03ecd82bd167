package dev.tributary.store.internal;

import org.jooq.DataType;
import org.jooq.Field;
import org.jooq.Table;
import org.jspecify.annotations.Nullable;

/**
 * Columns of derived tables (common table expressions, aliased subqueries), looked up by name or by
 * the column they select. jOOQ answers {@code null} for a column the table does not have; a
 * statement that refers to one is built wrong, so this fails at once and names the column instead
 * of handing the null on to jOOQ.
 */
public final class Columns {

  private Columns() {}

  /** The column of {@code table} that selects {@code column}. */
  public static <T> Field<T> of(Table<?> table, Field<T> column) {
    return present(table.field(column), table, column.getName());
  }

  /** The column of {@code table} named {@code name}, as {@code type}. */
  public static <T> Field<T> of(Table<?> table, String name, DataType<T> type) {
    return present(table.field(name, type), table, name);
  }

  /** The column of {@code table} named {@code name}, as {@code type}. */
  public static <T> Field<T> of(Table<?> table, String name, Class<T> type) {
    return present(table.field(name, type), table, name);
  }

  private static <T> Field<T> present(@Nullable Field<T> field, Table<?> table, String name) {
    if (field == null) {
      throw new IllegalStateException(
          "table "
              + table.getName()
              + " has no column "
              + name
              + "; the statement that refers to it is built wrong, which indicates a bug");
    }
    return field;
  }
}
