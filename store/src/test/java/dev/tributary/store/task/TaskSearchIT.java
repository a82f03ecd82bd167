package dev.tributary.store.task;

import static dev.tributary.store.schema.Tables.TASKS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tributary.contracts.TaskState;
import dev.tributary.contracts.UuidV7;
import dev.tributary.core.template.StepKind;
import dev.tributary.store.StoreDatabase;
import dev.tributary.store.Templates;
import dev.tributary.store.task.TaskPage.Cursor;
import dev.tributary.store.template.NewTemplate;
import dev.tributary.store.template.TemplateStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;
import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Task search: every filter and their combinations page newest first without gaps or repeats, and
 * on a table of 20,000 tasks each filter reads the page from its index, not the table.
 */
class TaskSearchIT {

  private static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");
  private static final int TASKS_IN_PLAN_TEST = 20_000;

  /**
   * Rows a filter may read per row of its page. The planner may read the newest-first index and
   * filter when it expects the filter to match often (a template of four, here, reading four rows a
   * row); what it must not do is read the table, or a whole template's tasks to sort them.
   */
  private static final int PAGES_READ_AT_MOST = 5;

  private static DSLContext db;
  private static TaskSearch search;
  private static final List<Seeded> seeded = new ArrayList<>();

  private record Seeded(
      UUID id,
      UUID templateId,
      String namespace,
      String name,
      String version,
      TaskState state,
      String correlation,
      Instant createdAt) {}

  @BeforeAll
  static void seed() {
    db = StoreDatabase.create();
    search = new TaskSearch(db);
    TemplateStore templates = new TemplateStore(db);
    List<NewTemplate> versions =
        List.of(
            template("orders", "ship", "1"),
            template("orders", "ship", "2"),
            template("orders", "refund", "1"),
            template("billing", "invoice", "1"));
    List<UUID> ids = versions.stream().map(v -> templates.register(v, T0).id()).toList();
    TaskState[] states = TaskState.values();
    for (int i = 0; i < TASKS_IN_PLAN_TEST; i++) {
      NewTemplate version = versions.get(i % versions.size());
      seeded.add(
          new Seeded(
              UuidV7.generate(),
              ids.get(i % versions.size()),
              version.namespace(),
              version.name(),
              version.version(),
              // Every 97th task in another state; the rest complete, as on a table of years.
              i % 97 == 0 ? states[(i / 97) % states.length] : TaskState.COMPLETE,
              "order-" + (i % 500),
              // Three tasks a second: tasks that share an instant are ordered by id.
              T0.plus(Duration.ofSeconds(i / 3))));
    }
    for (int from = 0; from < seeded.size(); from += 5_000) {
      insert(seeded.subList(from, Math.min(seeded.size(), from + 5_000)));
    }
    db.execute("ANALYZE");
  }

  @Test
  void every_filter_pages_newest_first_without_gaps_or_repeats() {
    Instant from = T0.plus(Duration.ofMinutes(10));
    Instant to = T0.plus(Duration.ofMinutes(20));
    check(TaskQuery.all(), s -> true, 997);
    check(
        query(TaskState.BLOCKED_BY_FAILURES, null, null, null, null),
        s -> s.state() == TaskState.BLOCKED_BY_FAILURES,
        7);
    check(query(null, "orders", null, null, null), s -> s.namespace().equals("orders"), 211);
    check(query(null, "orders", "ship", null, null), s -> s.name().equals("ship"), 211);
    check(
        query(null, "orders", "ship", "2", null),
        s -> s.name().equals("ship") && s.version().equals("2"),
        211);
    check(query(null, null, null, null, "order-42"), s -> s.correlation().equals("order-42"), 11);
    check(
        new TaskQuery(TaskState.COMPLETE, "orders", "refund", null, null, from, to),
        s ->
            s.state() == TaskState.COMPLETE
                && s.name().equals("refund")
                && !s.createdAt().isBefore(from)
                && s.createdAt().isBefore(to),
        13);
  }

  @Test
  void a_task_reads_as_its_summary() {
    Seeded one = seeded.get(1234);
    TaskSummary summary = search.summary(one.id()).orElseThrow();
    assertThat(summary.namespace()).isEqualTo(one.namespace());
    assertThat(summary.name()).isEqualTo(one.name());
    assertThat(summary.state()).isEqualTo(one.state());
    assertThat(search.summary(UuidV7.generate())).isEmpty();
  }

  @Test
  void a_cursor_is_opaque_and_checked() {
    Cursor cursor = new Cursor(T0, UuidV7.generate());
    assertThat(Cursor.parse(cursor.token())).isEqualTo(cursor);
    assertThatThrownBy(() -> Cursor.parse("bm90LWEtY3Vyc29y"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Cursor.parse("%%%")).isInstanceOf(IllegalArgumentException.class);
  }

  /**
   * Each filter's plan reads its page through an index: no sequential scan of tasks, and a few
   * pages' rows at most (per template version for a namespace filter), of 20,000.
   */
  @Test
  void each_filter_reads_the_page_from_an_index_not_the_table() {
    int limit = 50;
    Seeded middle = seeded.get(TASKS_IN_PLAN_TEST / 2);
    Cursor cursor = new Cursor(middle.createdAt(), middle.id());
    record Case(String name, TaskQuery query, int versions) {}
    List<Case> cases =
        List.of(
            new Case("all", TaskQuery.all(), 1),
            new Case("state", query(TaskState.CANCELLED, null, null, null, null), 1),
            new Case("namespace", query(null, "orders", null, null, null), 3),
            new Case("template", query(null, "orders", "ship", null, null), 2),
            new Case("version", query(null, "orders", "ship", "1", null), 1),
            new Case("correlation", query(null, null, null, null, "order-7"), 1),
            new Case(
                "created range",
                new TaskQuery(
                    null, null, null, null, null, T0.plusSeconds(600), T0.plusSeconds(3600)),
                1),
            new Case(
                "state and template",
                new TaskQuery(TaskState.COMPLETE, "orders", "refund", null, null, null, null),
                1),
            new Case(
                "rare state and template",
                new TaskQuery(TaskState.CANCELLED, "orders", "refund", null, null, null, null),
                1));
    for (Case c : cases) {
      for (Cursor after : java.util.Arrays.asList(null, cursor)) {
        JsonNode plan =
            plan(search.query(c.query(), after, limit).getSQL(org.jooq.conf.ParamType.INLINED));
        List<JsonNode> scans = taskScans(plan, new ArrayList<>());
        String what = c.name() + (after == null ? "" : " after a cursor");
        assertThat(scans).as("%s: task scans in %s", what, plan).isNotEmpty();
        assertThat(scans)
            .as("%s: every scan of tasks uses an index", what)
            .allSatisfy(
                scan -> assertThat(scan.get("Node Type").asString()).isNotEqualTo("Seq Scan"));
        long rowsRead = scans.stream().mapToLong(TaskSearchIT::rowsRead).sum();
        assertThat(rowsRead)
            .as("%s: task rows read of %d in %s", what, TASKS_IN_PLAN_TEST, plan)
            .isLessThanOrEqualTo((long) PAGES_READ_AT_MOST * limit * c.versions());
      }
    }
  }

  private static JsonNode plan(String sql) {
    String json = String.valueOf(db.fetchValue("EXPLAIN (ANALYZE, FORMAT JSON) " + sql));
    return JsonMapper.builder().build().readTree(json).get(0).get("Plan");
  }

  /** Rows a scan returned plus those it read and filtered out, over all its loops. */
  private static long rowsRead(JsonNode scan) {
    long perLoop = scan.get("Actual Rows").asLong() + scan.path("Rows Removed by Filter").asLong(0);
    return perLoop * scan.get("Actual Loops").asLong();
  }

  private static List<JsonNode> taskScans(JsonNode node, List<JsonNode> found) {
    if ("tasks".equals(node.path("Relation Name").asString(""))) {
      found.add(node);
    }
    for (JsonNode child : node.path("Plans")) {
      taskScans(child, found);
    }
    return found;
  }

  /** Pages through the query with a small page and compares with the seeded tasks it matches. */
  private static void check(TaskQuery query, Predicate<Seeded> matches, int pageSize) {
    List<UUID> expected =
        seeded.stream()
            .filter(matches)
            .sorted(Comparator.comparing(Seeded::createdAt).thenComparing(Seeded::id).reversed())
            .map(Seeded::id)
            .toList();
    List<UUID> found = new ArrayList<>();
    Cursor cursor = null;
    int pages = 0;
    do {
      TaskPage page = search.find(query, cursor, pageSize);
      assertThat(page.tasks()).hasSizeLessThanOrEqualTo(pageSize);
      page.tasks().forEach(t -> found.add(t.id()));
      cursor = page.next() == null ? null : Cursor.parse(page.next().token());
      pages++;
    } while (cursor != null && pages < 1000);
    assertThat(expected).as("the seed has tasks that match %s", query).isNotEmpty();
    assertThat(found).as("%s, in pages of %d", query, pageSize).containsExactlyElementsOf(expected);
  }

  private static TaskQuery query(
      TaskState state, String namespace, String template, String version, String correlation) {
    return new TaskQuery(state, namespace, template, version, correlation, null, null);
  }

  /** Rows straight into tasks: the search reads nothing else. */
  private static void insert(List<Seeded> tasks) {
    var insert =
        db.insertInto(
            TASKS,
            TASKS.ID,
            TASKS.NAMED_TASK_ID,
            TASKS.STATE,
            TASKS.CONTEXT,
            TASKS.CORRELATION_ID,
            TASKS.IDENTITY_KEY,
            TASKS.CREATED_AT,
            TASKS.UPDATED_AT);
    for (Seeded t : tasks) {
      insert =
          insert.values(
              t.id(),
              t.templateId(),
              t.state(),
              JSONB.valueOf("{}"),
              t.correlation(),
              t.id().toString(),
              t.createdAt(),
              t.createdAt());
    }
    insert.execute();
  }

  private static NewTemplate template(String namespace, String name, String version) {
    return Templates.template(
        namespace, name, version, List.of(Templates.step("a", StepKind.STANDARD)));
  }
}
