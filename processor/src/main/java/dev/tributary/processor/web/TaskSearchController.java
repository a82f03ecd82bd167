package dev.tributary.processor.web;

import dev.tributary.contracts.InvalidMessageException;
import dev.tributary.contracts.TaskState;
import dev.tributary.store.task.TaskPage;
import dev.tributary.store.task.TaskPage.Cursor;
import dev.tributary.store.task.TaskQuery;
import dev.tributary.store.task.TaskSearch;
import dev.tributary.store.task.TaskSummary;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Finds tasks: by state, template, correlation id and creation time, newest first, in pages. */
@RestController
@Validated
@RequestMapping("/api/v1/tasks")
class TaskSearchController {

  static final int MAX_PAGE = 500;

  private final TaskSearch search;

  TaskSearchController(TaskSearch search) {
    this.search = search;
  }

  /**
   * Tasks that match every filter given, newest first. Pass a page's {@code next} as {@code cursor}
   * for the next page, with the same filters. A client that submitted over Kafka finds its task by
   * the correlation id it sent.
   *
   * @param state a task state, e.g. {@code blocked_by_failures}
   * @param namespace a template namespace
   * @param template a template name (with {@code namespace})
   * @param version a template version (with {@code template})
   * @param correlationId the correlation id of the task request
   * @param createdAfter created at or after this instant (ISO-8601, e.g. 2026-12-06T10:00:00Z)
   * @param createdBefore created before this instant
   * @param cursor where the page starts: the previous page's {@code next}
   * @param limit the page's size
   */
  @GetMapping
  TaskList search(
      @RequestParam(required = false) @Nullable String state,
      @RequestParam(required = false) @Nullable String namespace,
      @RequestParam(required = false) @Nullable String template,
      @RequestParam(required = false) @Nullable String version,
      @RequestParam(name = "correlation_id", required = false) @Nullable String correlationId,
      @RequestParam(name = "created_after", required = false) @Nullable String createdAfter,
      @RequestParam(name = "created_before", required = false) @Nullable String createdBefore,
      @RequestParam(required = false) @Nullable String cursor,
      @RequestParam(defaultValue = "50") @Min(1) @Max(MAX_PAGE) int limit) {
    TaskQuery query;
    try {
      query =
          new TaskQuery(
              state == null ? null : state(state),
              namespace,
              template,
              version,
              correlationId,
              instant("created_after", createdAfter),
              instant("created_before", createdBefore));
    } catch (IllegalArgumentException e) {
      throw new InvalidMessageException(String.valueOf(e.getMessage()), e);
    }
    TaskPage page = search.find(query, cursor == null ? null : cursor(cursor), limit);
    return new TaskList(page.tasks(), page.next() == null ? null : page.next().token());
  }

  /**
   * @param tasks the page, newest first
   * @param next the {@code cursor} of the next page; absent on the last page
   */
  record TaskList(List<TaskSummary> tasks, @Nullable String next) {}

  private static TaskState state(String value) {
    try {
      return TaskState.fromWireName(value);
    } catch (IllegalArgumentException e) {
      throw new InvalidMessageException(
          "unknown task state '"
              + value
              + "'; the states are "
              + Arrays.stream(TaskState.values())
                  .map(TaskState::wireName)
                  .collect(Collectors.joining(", ")),
          e);
    }
  }

  private static @Nullable Instant instant(String name, @Nullable String value) {
    if (value == null) {
      return null;
    }
    try {
      return Instant.parse(value);
    } catch (DateTimeParseException e) {
      throw new InvalidMessageException(
          name + " '" + value + "' is not an ISO-8601 instant such as 2026-12-06T10:00:00Z", e);
    }
  }

  private static Cursor cursor(String token) {
    try {
      return Cursor.parse(token);
    } catch (IllegalArgumentException e) {
      throw new InvalidMessageException(
          "cursor is not one this API gave; pass a page's next as it is", e);
    }
  }
}
