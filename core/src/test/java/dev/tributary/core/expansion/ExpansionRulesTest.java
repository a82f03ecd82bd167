package dev.tributary.core.expansion;

import static dev.tributary.core.result.StepSnapshots.step;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.contracts.BatchCursor;
import dev.tributary.contracts.Expansion;
import dev.tributary.contracts.Outcome;
import dev.tributary.core.result.StepSnapshot;
import dev.tributary.core.template.TemplateParser;
import dev.tributary.core.template.TemplatePlan;
import dev.tributary.core.template.TemplatePlans;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.node.JsonNodeFactory;

class ExpansionRulesTest {

  private static final int MAX_BATCHES = 3;
  private static final String LIMIT = "tributary.expansion.max-batches";

  private static final TemplatePlan PLAN =
      TemplateParser.fromYaml(
          """
          namespace: orders
          name: fulfil
          version: "1"
          steps:
            - name: validate
            - name: route
              kind: decision
              depends_on: [validate]
              branches: [express, standard]
            - name: express
              depends_on: [route]
            - name: standard
              depends_on: [route]
            - name: notify
              kind: convergence
              depends_on: [express, standard]
            - name: split
              kind: batchable
              depends_on: [validate]
              batch_worker: process_batch
            - name: process_batch
              kind: batch_worker
            - name: merge
              kind: convergence
              depends_on: [process_batch]
          """,
          "ExpansionRulesTest");

  private static final TemplatePlans TEMPLATES = (id, json) -> PLAN;

  private final ExpansionRules rules = new ExpansionRules(TEMPLATES, MAX_BATCHES, LIMIT);

  /** A step of the template, by its name in the task and the template step it instantiates. */
  private static StepSnapshot stepOf(String name, String templateStep) {
    return step().named(name).instanceOf(templateStep).kind(PLAN.step(templateStep).kind()).build();
  }

  private static @Nullable Expansion expansion(String type) {
    return switch (type) {
      case "create_steps" -> new Expansion.CreateSteps(List.of("express"));
      case "no_branches" -> new Expansion.NoBranches();
      case "create_batches" -> Expansion.CreateBatches.split(10, 5);
      case "no_batches" -> new Expansion.NoBatches();
      case "none" -> null;
      default -> throw new IllegalArgumentException(type);
    };
  }

  private Optional<String> invalidReason(StepSnapshot step, @Nullable Expansion expansion) {
    return rules.invalidReason(
        step, new Outcome.Succeeded(JsonNodeFactory.instance.objectNode(), expansion));
  }

  @ParameterizedTest(name = "{0} returning {2}")
  @CsvSource({
    "route, route, create_steps",
    "route, route, no_branches",
    "split, split, create_batches",
    "split, split, no_batches",
    "validate, validate, none",
    "notify, notify, none",
    "process_batch_a, process_batch, none"
  })
  void an_outcome_that_fits_its_steps_kind_is_valid(String name, String template, String type) {
    assertThat(invalidReason(stepOf(name, template), expansion(type))).isEmpty();
  }

  @ParameterizedTest(name = "{0} returning {2}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      value = {
        "route | route | create_batches"
            + " | decision step 'route' must return create_steps or no_branches;"
            + " it returned create_batches",
        "route | route | no_batches"
            + " | decision step 'route' must return create_steps or no_branches;"
            + " it returned no_batches",
        "route | route | none"
            + " | decision step 'route' must return create_steps or no_branches;"
            + " it returned no expansion",
        "split | split | create_steps"
            + " | batchable step 'split' must return create_batches or no_batches;"
            + " it returned create_steps",
        "split | split | no_branches"
            + " | batchable step 'split' must return create_batches or no_batches;"
            + " it returned no_branches",
        "split | split | none"
            + " | batchable step 'split' must return create_batches or no_batches;"
            + " it returned no expansion",
        "validate | validate | create_steps"
            + " | standard step 'validate' cannot create steps; it returned create_steps",
        "notify | notify | no_branches"
            + " | convergence step 'notify' cannot create steps; it returned no_branches",
        "process_batch_a | process_batch | no_batches"
            + " | batch_worker step 'process_batch_a' cannot create steps; it returned no_batches"
      })
  void an_outcome_that_does_not_fit_its_steps_kind_is_invalid(
      String name, String template, String type, String reason) {
    assertThat(invalidReason(stepOf(name, template), expansion(type))).contains(reason);
  }

  @Test
  void a_decision_selecting_an_undeclared_branch_is_invalid_naming_it_and_the_declared_ones() {
    Expansion selection = new Expansion.CreateSteps(List.of("express", "ghost"));

    assertThat(invalidReason(stepOf("route", "route"), selection))
        .contains(
            "decision step 'route' selected [ghost], which is not one of its declared branches"
                + " [express, standard]");
  }

  @Test
  void a_decision_selecting_several_undeclared_steps_names_them_all() {
    Expansion selection = new Expansion.CreateSteps(List.of("validate", "express", "ghost"));

    assertThat(invalidReason(stepOf("route", "route"), selection))
        .contains(
            "decision step 'route' selected [validate, ghost], which are not among its declared"
                + " branches [express, standard]");
  }

  @Test
  void a_decision_selecting_every_declared_branch_is_valid() {
    Expansion selection = new Expansion.CreateSteps(List.of("standard", "express"));

    assertThat(invalidReason(stepOf("route", "route"), selection)).isEmpty();
  }

  @Test
  void a_split_into_as_many_batches_as_the_limit_is_valid() {
    assertThat(invalidReason(stepOf("split", "split"), Expansion.CreateBatches.split(9, 3)))
        .isEmpty();
  }

  @Test
  void a_split_into_more_batches_than_the_limit_is_invalid_naming_the_limit() {
    assertThat(invalidReason(stepOf("split", "split"), Expansion.CreateBatches.split(10, 3)))
        .contains(
            "batchable step 'split' asked for 4 batches; the limit is 3"
                + " (tributary.expansion.max-batches)");
  }

  @Test
  void more_explicit_cursors_than_the_limit_are_invalid() {
    List<BatchCursor> cursors =
        IntStream.range(0, MAX_BATCHES + 1)
            .mapToObj(
                i ->
                    new BatchCursor(
                        "b" + i,
                        JsonNodeFactory.instance.numberNode(i),
                        JsonNodeFactory.instance.numberNode(i + 1)))
            .toList();

    assertThat(invalidReason(stepOf("split", "split"), Expansion.CreateBatches.of(cursors)))
        .hasValueSatisfying(reason -> assertThat(reason).contains("asked for 4 batches", LIMIT));
  }

  @Test
  void no_batches_is_valid_whatever_the_limit() {
    ExpansionRules noneAllowed = new ExpansionRules(TEMPLATES, 0, LIMIT);

    assertThat(
            noneAllowed.invalidReason(
                stepOf("split", "split"),
                new Outcome.Succeeded(
                    JsonNodeFactory.instance.objectNode(), new Expansion.NoBatches())))
        .isEmpty();
  }
}
