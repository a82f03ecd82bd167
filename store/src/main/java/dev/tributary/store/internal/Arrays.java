package dev.tributary.store.internal;

import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.jooq.DataType;
import org.jooq.Field;
import org.jooq.QueryPart;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jspecify.annotations.Nullable;

/**
 * Bind parameters as arrays. A multi-row statement binds one array per column and unnests them in
 * SQL ({@code ROWS FROM (unnest(?), unnest(?), ...)}), so its parameter count does not grow with
 * its rows: PostgreSQL allows at most 32,767 parameters per statement, and one array per column
 * also keeps the statement text (and its plan) the same for any number of rows.
 */
public final class Arrays {

  private Arrays() {}

  /** One column of {@code rows} as a typed array parameter; a null value is a SQL NULL. */
  public static <R, T> Field<T[]> column(
      List<R> rows, Function<R, ? extends @Nullable T> column, DataType<T> elementType) {
    @SuppressWarnings("unchecked")
    T[] values =
        rows.stream()
            .map(column)
            .toArray(n -> (T[]) java.lang.reflect.Array.newInstance(elementType.getType(), n));
    return DSL.val(values, elementType.getArrayDataType());
  }

  /**
   * The arrays zipped into a table: row i holds element i of every array. Rendered as PostgreSQL's
   * multi-argument {@code unnest(a, b, …)}, which is valid only in FROM; jOOQ's {@code unnest()}
   * aliases each array and cannot express it.
   */
  public static Rows zip(String alias, List<String> columnNames, List<Field<?>> arrays) {
    String placeholders =
        IntStream.range(0, arrays.size())
            .mapToObj(i -> "{" + i + "}")
            .collect(Collectors.joining(", ", "unnest(", ")"));
    Table<?> table =
        DSL.table(placeholders, arrays.toArray(QueryPart[]::new))
            .as(alias, columnNames.toArray(String[]::new));
    return new Rows(table, alias);
  }

  /** Zipped arrays as a table, and typed references to its columns. */
  public record Rows(Table<?> table, String alias) {
    public <T> Field<T> field(String column, DataType<T> type) {
      return DSL.field(DSL.name(alias, column), type);
    }
  }
}
