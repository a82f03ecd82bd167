package dev.tributary.core.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tributary.contracts.Limits;
import dev.tributary.core.template.CreationGroup.AnyBranch;
import dev.tributary.core.template.CreationGroup.Batch;
import dev.tributary.core.template.CreationGroup.Branch;
import java.time.Duration;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class TemplateParserTest {

  private static final String HEADER =
      """
      namespace: orders
      name: fulfil
      version: "1"
      """;

  private static TemplatePlan parse(String steps) {
    return TemplateParser.fromYaml(HEADER + steps, "test");
  }

  private static void assertRejected(String steps, String... problems) {
    assertThatThrownBy(() -> parse(steps))
        .isInstanceOfSatisfying(
            InvalidTemplateException.class,
            e -> assertThat(e.problems()).anySatisfy(p -> assertThat(p).contains(problems)));
  }

  @Test
  void a_handler_holding_U0000_is_rejected() {
    assertRejected(
        """
        steps:
          - name: a
            handler: "pick\\0up"
        """,
        "handler contains U+0000");
  }

  @Test
  void a_valid_template_gets_defaults_and_creation_groups() {
    TemplatePlan plan =
        parse(
            """
            defaults:
              timeout: 30s
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
                retry: {max_attempts: 5, backoff: {base: 2s, multiplier: 3, max: 1m, jitter: 0}}
              - name: notify
                kind: convergence
                depends_on: [express_label, standard]
              - name: split
                kind: batchable
                depends_on: [validate]
                batch_worker: process_batch
              - name: process_batch
                kind: batch_worker
              - name: merge
                kind: convergence
                depends_on: [process_batch]
            """);

    assertThat(plan.initialSteps())
        .extracting(TemplateStep::name)
        .containsExactly("validate", "route", "split");
    assertThat(plan.group("express_label")).isEqualTo(new Branch("route", "express"));
    assertThat(plan.group("notify")).isEqualTo(new AnyBranch("route"));
    assertThat(plan.group("process_batch")).isEqualTo(new Batch("split"));
    assertThat(plan.group("merge")).isEqualTo(new Batch("split"));
    assertThat(plan.dependencies("process_batch")).containsExactly("split");
    TemplateStep standard = plan.step("standard");
    assertThat(standard.handler()).isEqualTo("standard");
    assertThat(standard.kind()).isEqualTo(StepKind.STANDARD);
    assertThat(standard.timeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(standard.retry())
        .isEqualTo(new RetryPolicy(5, true, Duration.ofSeconds(2), 3, Duration.ofMinutes(1), 0));
    assertThat(plan.template().identity()).isEqualTo(IdentityStrategy.STRICT);
  }

  @Test
  void the_canonical_json_reads_back_as_the_same_template() {
    TemplatePlan plan =
        parse(
            """
            identity: always_unique
            steps:
              - name: a
                handler: orders.a
                timeout: 2m
              - name: b
                depends_on: [a]
            """);

    String json = TemplateParser.toJson(plan.template());

    assertThat(TemplateParser.fromJson(json, "stored").template()).isEqualTo(plan.template());
    assertThat(TemplateParser.toJson(TemplateParser.fromJson(json, "stored").template()))
        .isEqualTo(json);
  }

  @Test
  void an_unknown_dependency_is_rejected() {
    assertRejected(
        """
        steps:
          - name: a
            depends_on: [nope]
        """,
        "template orders/fulfil@1, step 'a'",
        "depends on unknown step 'nope'");
  }

  @Test
  void a_cycle_is_rejected_naming_its_steps() {
    assertRejected(
        """
        steps:
          - name: start
          - name: a
            depends_on: [start, c]
          - name: b
            depends_on: [a]
          - name: c
            depends_on: [b]
        """,
        "template orders/fulfil@1",
        "dependency cycle through steps [a, b, c]");
  }

  @Test
  void a_cycle_through_a_batch_worker_is_rejected() {
    assertRejected(
        """
        steps:
          - name: split
            kind: batchable
            batch_worker: work
            depends_on: [merge]
          - name: work
            kind: batch_worker
          - name: merge
            kind: convergence
            depends_on: [work]
        """,
        "dependency cycle through steps [merge, split, work]");
  }

  @Test
  void a_duplicate_step_name_is_rejected() {
    assertRejected(
        """
        steps:
          - name: a
          - name: a
        """,
        "step 'a'",
        "duplicate step name");
  }

  @Test
  void an_unknown_kind_is_rejected() {
    assertRejected(
        """
        steps:
          - name: a
            kind: parallel
        """,
        "step 'a'",
        "unknown step kind 'parallel'");
  }

  @Test
  void a_step_depending_on_a_decision_without_being_a_declared_branch_is_rejected() {
    assertRejected(
        """
        steps:
          - name: route
            kind: decision
            branches: [left]
          - name: left
            depends_on: [route]
          - name: right
            depends_on: [route]
        """,
        "step 'right'",
        "depends on decision 'route' but is not one of its declared branches [left]");
  }

  @Test
  void a_declared_branch_that_is_not_a_step_is_rejected() {
    assertRejected(
        """
        steps:
          - name: route
            kind: decision
            branches: [left, ghost]
          - name: left
            depends_on: [route]
        """,
        "step 'route'",
        "decision branch 'ghost' is not a step of this template");
  }

  @Test
  void a_batchable_step_without_a_batch_worker_template_is_rejected() {
    assertRejected(
        """
        steps:
          - name: split
            kind: batchable
        """,
        "step 'split'",
        "batchable step names no batch_worker template");
  }

  @Test
  void a_batchable_step_naming_a_step_that_is_not_a_batch_worker_is_rejected() {
    assertRejected(
        """
        steps:
          - name: split
            kind: batchable
            batch_worker: other
          - name: other
        """,
        "step 'split'",
        "batch_worker 'other' is a standard step, not a batch_worker");
  }

  @Test
  void a_convergence_step_with_no_possible_dependency_is_rejected() {
    assertRejected(
        """
        steps:
          - name: a
          - name: merge
            kind: convergence
        """,
        "step 'merge'",
        "convergence step has no dependency it could wait for");
  }

  @Test
  void a_convergence_step_after_a_decision_may_wait_for_a_batch_inside_a_branch() {
    TemplatePlan plan =
        parse(
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

    assertThat(plan.group("merge")).isEqualTo(new Batch("bulk"));
    assertThat(plan.group("ship")).isEqualTo(new AnyBranch("route"));
    assertThat(plan.sources("item")).containsExactly("bulk", "route");
  }

  @Test
  void a_convergence_step_over_sibling_batches_is_created_with_the_task() {
    TemplatePlan plan =
        parse(
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

    assertThat(plan.initialSteps()).extracting(TemplateStep::name).contains("join");
    assertThat(CreationGroups.standIn(plan, "left_item", java.util.Set.of("left", "right", "join")))
        .isEqualTo("left");
  }

  @Test
  void a_standard_step_joining_two_branches_must_be_a_convergence_step() {
    assertRejected(
        """
        steps:
          - name: route
            kind: decision
            branches: [left, right]
          - name: left
            depends_on: [route]
          - name: right
            depends_on: [route]
          - name: join
            depends_on: [left, right]
        """,
        "step 'join'",
        "make it a convergence step");
  }

  @Test
  void missing_fields_and_bad_durations_are_all_reported_at_once() {
    assertThatThrownBy(
            () ->
                TemplateParser.fromYaml(
                    """
                    namespace: orders
                    steps:
                      - name: a
                        timeout: soon
                    """,
                    "test"))
        .isInstanceOfSatisfying(
            InvalidTemplateException.class,
            e ->
                assertThat(e.problems())
                    .contains(
                        "template orders/?@?: name is required",
                        "template orders/?@?: version is required",
                        "template orders/?@?, step 'a': 'soon' is not a duration;"
                            + " write e.g. 500ms, 30s, 5m, 2h or PT30S"));
  }

  @Test
  void an_unknown_field_is_rejected_rather_than_ignored() {
    assertThatThrownBy(
            () ->
                parse(
                    """
                    steps:
                      - name: a
                        depnds_on: [b]
                    """))
        .isInstanceOf(InvalidTemplateException.class)
        .hasMessageContaining("depnds_on");
  }

  /** A template of independent steps s0, s1, ... */
  private static String steps(int count) {
    return IntStream.range(0, count)
        .mapToObj(i -> "  - name: s" + i + "\n")
        .collect(Collectors.joining("", "steps:\n", ""));
  }

  @Test
  void a_template_may_have_as_many_steps_as_the_limit() {
    assertThat(parse(steps(Limits.MAX_STEPS_PER_TEMPLATE)).template().steps())
        .hasSize(Limits.MAX_STEPS_PER_TEMPLATE);
  }

  @Test
  void a_template_with_more_steps_than_the_limit_is_rejected() {
    assertRejected(
        steps(Limits.MAX_STEPS_PER_TEMPLATE + 1),
        "has more than " + Limits.MAX_STEPS_PER_TEMPLATE + " steps");
  }

  /** A valid template of exactly this many code points, most of them in its description. */
  private static String templateOfLength(int codePoints) {
    String start = HEADER + "steps:\n  - name: a\ndescription: \"";
    String end = "\"\n";
    // One character outside the Basic Multilingual Plane: two UTF-16 units, one code point.
    String padding = "\uD83C\uDF0A" + "x".repeat(codePoints - start.length() - end.length() - 1);
    return start + padding + end;
  }

  @Test
  void a_template_text_as_long_as_the_limit_is_read() {
    String yaml = templateOfLength(Limits.MAX_TEMPLATE_CODE_POINTS);

    assertThat(yaml.codePointCount(0, yaml.length())).isEqualTo(Limits.MAX_TEMPLATE_CODE_POINTS);
    assertThat(TemplateParser.fromYaml(yaml, "test").template().steps()).hasSize(1);
  }

  @Test
  void a_template_text_longer_than_the_limit_is_rejected_naming_the_limit() {
    String yaml = templateOfLength(Limits.MAX_TEMPLATE_CODE_POINTS + 1);

    assertThatThrownBy(() -> TemplateParser.fromYaml(yaml, "test"))
        .isInstanceOfSatisfying(
            InvalidTemplateException.class,
            e ->
                assertThat(e.problems())
                    .containsExactly(
                        "template from test has 3145729 characters (Unicode code points), more"
                            + " than the limit of 3145728"));
  }
}
