package dev.tributary.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.contracts.Expansion;
import dev.tributary.contracts.JsonCodec;
import dev.tributary.contracts.Outcome;
import dev.tributary.contracts.StepResult;
import dev.tributary.contracts.UuidV7;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/** The rules fail what breaks the contract, with a reason; the IT shows they pass what keeps it. */
class RulesTest {

  private static final JsonCodec<StepResult> RESULTS = JsonCodec.of(StepResult.class);

  private final KitTemplate template = KitTemplate.forNamespace("conformance");
  private final List<Rule> rules =
      Rules.all(new Dispatches(template, "conformance", Clock.systemUTC()), template);
  private final AtomicLong nanos = new AtomicLong();
  private final Observed observed = new Observed(nanos::get);

  @Test
  void a_result_keyed_in_capitals_breaks_the_keys_rule() {
    Sent echo = rule("success").dispatches().getFirst();
    answer(echo, echo.taskId().toString().toUpperCase(Locale.ROOT), new Outcome.Started());

    assertThat(rule("keys").judge(observed).passed()).isFalse();
    assertThat(rule("keys").judge(observed).detail()).contains("instead of " + echo.taskId());
  }

  @Test
  void a_result_without_the_dispatch_trace_breaks_the_trace_rule() {
    Sent echo = rule("success").dispatches().getFirst();
    observed.add(read(echo, echo.taskId().toString(), null, new Outcome.Started()));

    assertThat(rule("trace_context").judge(observed).detail()).contains("without traceparent");
  }

  @Test
  void an_answer_without_started_breaks_started_first_but_not_success() {
    Sent echo = rule("success").dispatches().getFirst();
    answer(echo, new Outcome.Succeeded(Rules.echo(echo.json().get("inputs"))));

    assertThat(rule("success").judge(observed).passed()).isTrue();
    assertThat(rule("started_first").judge(observed).detail()).contains("without started");
  }

  @Test
  void checkpoints_out_of_order_fail() {
    Sent checkpoint = rule("checkpoints").dispatches().getFirst();
    answer(checkpoint, new Outcome.Started());
    for (long sequence : new long[] {2, 1, 3}) {
      answer(checkpoint, new Outcome.Checkpointed(done(sequence), sequence));
    }
    answer(checkpoint, new Outcome.Succeeded(JsonNodeFactory.instance.objectNode()));

    assertThat(rule("checkpoints").judge(observed).detail()).contains("[2, 1, 3]");
  }

  @Test
  void a_decision_naming_an_undeclared_branch_fails_as_the_processor_would_fail_it() {
    Sent decide = rule("decision").dispatches().getFirst();
    answer(
        decide,
        new Outcome.Succeeded(
            JsonNodeFactory.instance.objectNode(), new Expansion.CreateSteps(List.of("middle"))));

    Verdict verdict = rule("decision").judge(observed);
    assertThat(verdict.passed()).isFalse();
    assertThat(verdict.detail()).contains("middle").contains("declared branches [left, right]");
  }

  @Test
  void running_a_dispatch_of_an_unknown_schema_version_fails() {
    List<Sent> sent = rule("unknown_schema_version_not_run").dispatches();
    answer(sent.getFirst(), new Outcome.Started());
    answer(sent.get(1), new Outcome.Succeeded(JsonNodeFactory.instance.objectNode()));
    nanos.addAndGet(NotRunRule.QUIET.toNanos());

    assertThat(rule("unknown_schema_version_not_run").settled(observed)).isTrue();
    assertThat(rule("unknown_schema_version_not_run").judge(observed).detail())
        .contains("it was run");
  }

  @Test
  void no_answer_at_all_fails_every_rule_with_what_was_seen() {
    assertThat(rules).allSatisfy(rule -> assertThat(rule.judge(observed).passed()).isFalse());
    assertThat(rule("success").judge(observed).detail()).contains("saw nothing");
  }

  @Test
  void docs_conformance_md_documents_every_rule_and_no_other() throws IOException {
    String doc = Files.readString(Path.of("../docs/conformance.md"));
    String table =
        doc.substring(doc.indexOf("## The rules"), doc.indexOf("## What the kit does not"));
    List<String> documented =
        Pattern.compile("^\\| `([a-z_]+)` \\|", Pattern.MULTILINE)
            .matcher(table)
            .results()
            .map(m -> m.group(1))
            .toList();

    assertThat(documented).containsExactlyElementsOf(Rules.names());
  }

  private Rule rule(String name) {
    return rules.stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow();
  }

  private void answer(Sent to, Outcome outcome) {
    answer(to, to.taskId().toString(), outcome);
  }

  private void answer(Sent to, String key, Outcome outcome) {
    observed.add(read(to, key, to.traceparent(), outcome));
  }

  private static Answer read(Sent to, String key, @Nullable String traceparent, Outcome outcome) {
    StepResult result =
        new StepResult(
            StepResult.SCHEMA_VERSION,
            UuidV7.generate(),
            to.taskId(),
            to.stepId(),
            to.attempt(),
            outcome,
            null);
    return Answer.read(key, traceparent, RESULTS.encode(result));
  }

  private static JsonNode done(long n) {
    return JsonNodeFactory.instance.objectNode().put("done", n);
  }
}
