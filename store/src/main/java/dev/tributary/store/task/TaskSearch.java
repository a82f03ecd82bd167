package dev.tributary.store.task;

import static dev.tributary.store.schema.Tables.NAMED_TASKS;
import static dev.tributary.store.schema.Tables.TASKS;
import static dev.tributary.store.schema.Tables.TASK_NAMESPACES;
import static org.jooq.impl.DSL.lateral;
import static org.jooq.impl.DSL.noCondition;
import static org.jooq.impl.DSL.row;
import static org.jooq.impl.DSL.selectFrom;

import dev.tributary.store.schema.tables.Tasks;
import dev.tributary.store.task.TaskPage.Cursor;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.ResultQuery;
import org.jooq.SelectConditionStep;
import org.jooq.SortField;
import org.jooq.TableLike;
import org.jspecify.annotations.Nullable;

/**
 * Finds tasks for operators, newest first, a page at a time, at the cost of the page: each filter
 * has an index in that order (migration V9), and the next page starts after the last row of this
 * one (keyset paging). A namespace or template filter reads one page from each of its template
 * versions' index entries and merges them: a page per version. The SQL text varies with the filters
 * given, one text per combination; this is not a hot-path query.
 */
public final class TaskSearch {

  /**
   * Tasks as "t". With a namespace filter, "t" is instead a page of tasks per template version, a
   * LATERAL subquery with the same columns, so the same field references serve both shapes.
   */
  private static final Tasks T = TASKS.as("t");

  private static final List<SortField<?>> NEWEST_FIRST = List.of(T.CREATED_AT.desc(), T.ID.desc());

  private final DSLContext dsl;

  public TaskSearch(DSLContext dsl) {
    this.dsl = dsl;
  }

  /** Up to {@code limit} tasks that match, newest first, after {@code after} when given. */
  public TaskPage find(TaskQuery query, @Nullable Cursor after, int limit) {
    List<TaskSummary> tasks = query(query, after, limit).fetch(TaskSearch::toSummary);
    Cursor next = tasks.size() == limit ? Cursor.after(tasks.getLast()) : null;
    return new TaskPage(tasks, next);
  }

  /** One task without its steps. */
  public Optional<TaskSummary> summary(UUID taskId) {
    return summaries(T, T.ID.eq(taskId)).fetchOptional(TaskSearch::toSummary);
  }

  /** The statement of {@link #find}, for tests that look at its plan. */
  ResultQuery<? extends Record> query(TaskQuery query, @Nullable Cursor after, int limit) {
    Condition where = filters(query).and(keyset(after));
    if (query.namespace() == null) {
      return summaries(T, where).orderBy(NEWEST_FIRST).limit(limit);
    }
    TableLike<?> pagePerVersion =
        lateral(
                selectFrom(T)
                    .where(T.NAMED_TASK_ID.eq(NAMED_TASKS.ID))
                    .and(where)
                    .orderBy(NEWEST_FIRST)
                    .limit(limit))
            .as(T.getName());
    return summaries(pagePerVersion, templates(query)).orderBy(NEWEST_FIRST).limit(limit);
  }

  private SelectConditionStep<? extends Record> summaries(TableLike<?> tasks, Condition where) {
    return dsl.select(
            T.ID,
            TASK_NAMESPACES.NAME,
            NAMED_TASKS.NAME,
            NAMED_TASKS.VERSION,
            T.STATE,
            T.CORRELATION_ID,
            T.PRIORITY,
            T.CREATED_AT,
            T.UPDATED_AT,
            T.COMPLETED_AT)
        .from(NAMED_TASKS)
        .join(TASK_NAMESPACES)
        .on(TASK_NAMESPACES.ID.eq(NAMED_TASKS.NAMESPACE_ID))
        .join(tasks)
        .on(T.NAMED_TASK_ID.eq(NAMED_TASKS.ID))
        .where(where);
  }

  private static TaskSummary toSummary(Record r) {
    return new TaskSummary(
        r.get(T.ID),
        r.get(TASK_NAMESPACES.NAME),
        r.get(NAMED_TASKS.NAME),
        r.get(NAMED_TASKS.VERSION),
        r.get(T.STATE),
        r.get(T.CORRELATION_ID),
        r.get(T.PRIORITY),
        r.get(T.CREATED_AT),
        r.get(T.UPDATED_AT),
        r.get(T.COMPLETED_AT));
  }

  private static Condition filters(TaskQuery query) {
    return optional(query.state(), T.STATE::eq)
        .and(optional(query.correlationId(), T.CORRELATION_ID::eq))
        .and(optional(query.createdAfter(), T.CREATED_AT::ge))
        .and(optional(query.createdBefore(), T.CREATED_AT::lt));
  }

  /** The template versions a namespace filter names: the namespace's, a template's, or one. */
  private static Condition templates(TaskQuery query) {
    return optional(query.namespace(), TASK_NAMESPACES.NAME::eq)
        .and(optional(query.template(), NAMED_TASKS.NAME::eq))
        .and(optional(query.version(), NAMED_TASKS.VERSION::eq));
  }

  private static Condition keyset(@Nullable Cursor after) {
    return after == null
        ? noCondition()
        : row(T.CREATED_AT, T.ID).lt(after.createdAt(), after.id());
  }

  private static <V> Condition optional(@Nullable V value, Function<V, Condition> condition) {
    return value == null ? noCondition() : condition.apply(value);
  }
}
