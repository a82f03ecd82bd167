package dev.tributary.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tributary.testkit.observability.ShippedQueries;
import dev.tributary.testkit.observability.ShippedQueries.Query;
import io.fabric8.openshift.api.model.monitoring.v1.PrometheusRule;
import io.fabric8.openshift.api.model.monitoring.v1.Rule;
import io.fabric8.openshift.api.model.monitoring.v1.RuleGroup;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * The Grafana dashboard (observability/grafana-dashboard.json) and the alerts
 * (k8s/components/prometheus-operator/alerts.yaml, as every overlay with that component renders
 * them): every expression parses (promtool, Prometheus' own parser), every metric queried is one
 * the services expose, every alert says how bad it is and what to do, and the dashboard imports
 * cleanly (unique panel ids, the data source as a variable).
 */
class DashboardsAndAlertsTest {

  /** The alerts deploy/README.md lists, each with its section in observability/runbooks.md. */
  static final Set<String> ALERTS =
      Set.of(
          "TributaryConsumerLagGrowing",
          "TributaryDeadLetters",
          "TributarySweepFailing",
          "TributaryReadyBacklogGrowing",
          "TributaryTasksBlocked",
          "TributaryDispatchDeadlinesExpiring",
          "TributaryEventRelayBehind");

  static final Set<String> SEVERITIES = Set.of("critical", "warning", "info");

  // The services' meters under their Prometheus names (Micrometer's Prometheus registry: dots to
  // underscores, _total for counters, the base unit _seconds for timers). A name not listed here
  // is a query that finds nothing, whatever Prometheus holds.

  static final Set<String> COUNTERS =
      Set.of(
          "tributary_tasks_finished_total",
          "tributary_tasks_blocked_total",
          "tributary_results_total",
          "tributary_messages_dead_lettered_total",
          "tributary_scheduler_sweep_failures_total",
          "tributary_scheduler_expired_total",
          "tributary_scheduler_dispatched_total",
          "tributary_signals_failed_total",
          "tributary_events_published_total",
          "tributary_events_relay_failures_total");

  static final Set<String> GAUGES =
      Set.of(
          "tributary_scheduler_sweep_staleness_seconds",
          "tributary_scheduler_ready_backlog",
          "tributary_events_outbox_age_seconds",
          // Micrometer's Kafka client metrics (KafkaClientMetrics), by client_id, topic, partition.
          "kafka_consumer_fetch_manager_records_lag_max");

  /** Timers and summaries with a percentile histogram: _bucket, _count, _sum and _max. */
  static final Set<String> HISTOGRAMS =
      Set.of(
          "tributary_tasks_duration_seconds",
          "tributary_steps_queued_seconds",
          "tributary_steps_running_seconds",
          "tributary_results_latency_seconds",
          "tributary_worker_handler_duration_seconds");

  /** Timers without a histogram: _count, _sum and _max, no buckets. */
  static final Set<String> TIMERS = Set.of("tributary_scheduler_sweep_duration_seconds");

  /** Metrics with the Tributary namespace and template tags, which the dashboard filters by. */
  static final Set<String> TEMPLATE_METRICS =
      Set.of(
          "tributary_tasks_duration_seconds",
          "tributary_tasks_finished_total",
          "tributary_tasks_blocked_total",
          "tributary_steps_queued_seconds",
          "tributary_steps_running_seconds");

  static Set<String> exposedMetricNames() {
    Set<String> names = new TreeSet<>(COUNTERS);
    names.addAll(GAUGES);
    for (String histogram : HISTOGRAMS) {
      Stream.of("_bucket", "_count", "_sum", "_max")
          .forEach(suffix -> names.add(histogram + suffix));
    }
    for (String timer : TIMERS) {
      Stream.of("_count", "_sum", "_max").forEach(suffix -> names.add(timer + suffix));
    }
    return names;
  }

  /** The overlays that apply the alerts: those with the prometheus-operator component. */
  static Stream<RenderedOverlay> overlays() {
    return ManifestsTest.overlaysWithMonitoring();
  }

  private static ShippedQueries shipped() {
    return ShippedQueries.load(DeployFiles.moduleDirectory());
  }

  private static List<Query> dashboardQueries() {
    return shipped().queries().stream().filter(q -> q.source().startsWith("dashboard ")).toList();
  }

  private static JsonNode dashboard() {
    try {
      return new ObjectMapper()
          .readTree(DeployFiles.moduleDirectory().resolve(ShippedQueries.DASHBOARD).toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void every_expression_parses_with_promtool(@TempDir Path directory) {
    Path promtool = promtool();
    // The dashboard's expressions as recording rules (Grafana's variables replaced as Grafana
    // would), then each overlay's rule groups as Prometheus reads them from the operator.
    List<Map<String, Object>> groups = new ArrayList<>();
    List<Map<String, Object>> recorded = new ArrayList<>();
    StringBuilder legend = new StringBuilder();
    for (Query query : dashboardQueries()) {
      String record = "tributary:dashboard_query_" + recorded.size();
      String expr = withGrafanaVariablesReplaced(query.expr());
      recorded.add(Map.of("record", record, "expr", expr));
      legend.append("\n  ").append(record).append(" = ").append(query.source());
    }
    groups.add(Map.of("name", "dashboard", "rules", recorded));
    overlays()
        .forEach(
            overlay -> {
              for (PrometheusRule resource : overlay.all(PrometheusRule.class)) {
                for (RuleGroup group : resource.getSpec().getGroups()) {
                  // Group names are unique within a rules file: each overlay's get its name.
                  groups.add(ruleGroup(overlay.name() + "/" + group.getName(), group));
                }
              }
            });
    Path rules = directory.resolve("rules.yaml");
    DumperOptions options = new DumperOptions();
    options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
    try {
      Files.writeString(rules, new Yaml(options).dump(Map.of("groups", groups)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }

    Processes.Result result =
        Processes.run(
            List.of(promtool.toString(), "check", "rules", rules.toString()),
            directory,
            Duration.ofSeconds(60));

    assertThat(result.exitCode())
        .as(
            "promtool check rules on the dashboard's queries and the alerts:\n%s\nrecording rules:%s",
            result.output(), legend)
        .isZero();
  }

  /** A rule group of the PrometheusRule as a Prometheus rules file has it. */
  private static Map<String, Object> ruleGroup(String name, RuleGroup group) {
    Map<String, Object> plain = new LinkedHashMap<>();
    plain.put("name", name);
    if (group.getInterval() != null) {
      plain.put("interval", group.getInterval());
    }
    List<Map<String, Object>> rules = new ArrayList<>();
    for (Rule rule : group.getRules()) {
      Map<String, Object> plainRule = new LinkedHashMap<>();
      putIfPresent(plainRule, "alert", rule.getAlert());
      putIfPresent(plainRule, "record", rule.getRecord());
      putIfPresent(plainRule, "expr", expr(rule));
      putIfPresent(plainRule, "for", rule.getFor());
      putIfPresent(plainRule, "keep_firing_for", rule.getKeepFiringFor());
      if (rule.getLabels() != null && !rule.getLabels().isEmpty()) {
        plainRule.put("labels", rule.getLabels());
      }
      if (rule.getAnnotations() != null && !rule.getAnnotations().isEmpty()) {
        plainRule.put("annotations", rule.getAnnotations());
      }
      rules.add(plainRule);
    }
    plain.put("rules", rules);
    return plain;
  }

  private static void putIfPresent(Map<String, Object> map, String key, Object value) {
    if (value != null) {
      map.put(key, value);
    }
  }

  private static String expr(Rule rule) {
    return rule.getExpr().getStrVal() != null
        ? rule.getExpr().getStrVal()
        : String.valueOf(rule.getExpr().getIntVal());
  }

  /**
   * Grafana's variables as a query would see them: the rate interval and the interval as durations,
   * every other variable (the Tributary namespace, the template, all in regex matchers) as
   * "everything".
   */
  static String withGrafanaVariablesReplaced(String expr) {
    return expr.replaceAll("\\$\\{?__rate_interval}?", "5m")
        .replaceAll("\\$\\{?__interval}?(?!_)", "1m")
        .replaceAll("\\$\\{?__range}?(?!_)", "1h")
        .replaceAll("\\$\\{\\w+(:\\w+)?}|\\$\\w+|\\[\\[\\w+]]", ".*");
  }

  /** promtool: $PROMTOOL, or on the PATH (Debian's package prometheus has it). */
  private static Path promtool() {
    String configured = System.getenv("PROMTOOL");
    List<Path> candidates = new ArrayList<>();
    if (configured != null && !configured.isBlank()) {
      candidates.add(Path.of(configured));
    } else {
      for (String directory :
          System.getenv().getOrDefault("PATH", "").split(File.pathSeparator, -1)) {
        candidates.add(Path.of(directory.isEmpty() ? "." : directory, "promtool"));
      }
    }
    return candidates.stream()
        .filter(Files::isExecutable)
        .findFirst()
        .orElseThrow(
            () ->
                new AssertionError(
                    "promtool is not "
                        + (configured == null || configured.isBlank()
                            ? "on the PATH"
                            : "at " + configured + " (PROMTOOL)")
                        + ": this test checks the shipped PromQL with Prometheus' own parser."
                        + " .ci/run installs it with Debian's `prometheus` package (apt-get"
                        + " install --no-install-recommends prometheus); elsewhere install"
                        + " Prometheus' release, or set PROMTOOL to the promtool binary."));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("overlays")
  void every_alert_has_a_severity_a_summary_a_description_and_a_runbook(RenderedOverlay overlay) {
    List<Rule> alerts =
        overlay.all(PrometheusRule.class).stream()
            .flatMap(r -> r.getSpec().getGroups().stream())
            .flatMap(g -> g.getRules().stream())
            .filter(r -> r.getAlert() != null)
            .toList();
    Set<String> runbookAnchors = runbookAnchors();
    String readme = read(DeployFiles.moduleDirectory().resolve("README.md"));

    assertThat(alerts).extracting(Rule::getAlert).containsExactlyInAnyOrderElementsOf(ALERTS);
    assertThat(alerts)
        .allSatisfy(
            alert -> {
              String name = alert.getAlert();
              assertThat(alert.getLabels()).as(name).containsKey("severity");
              assertThat(alert.getLabels().get("severity")).as(name).isIn(SEVERITIES);
              Map<String, String> annotations = alert.getAnnotations();
              assertThat(annotations)
                  .as(name)
                  .containsKeys("summary", "description", "runbook", "runbook_url");
              assertThat(annotations.get("summary")).as(name).isNotBlank();
              assertThat(annotations.get("description")).as(name).isNotBlank();
              assertThat(sentences(annotations.get("runbook")))
                  .as("%s: the runbook says what it means, how to confirm, what to do", name)
                  .isGreaterThanOrEqualTo(3);
              assertThat(annotations.get("runbook_url"))
                  .as(name)
                  .isEqualTo("deploy/observability/runbooks.md#" + anchor(name));
              assertThat(runbookAnchors)
                  .as("observability/runbooks.md has a section %s", name)
                  .contains(anchor(name));
              assertThat(readme).as("deploy/README.md lists %s", name).contains(name);
            });
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("overlays")
  void shipped_queries_reads_the_alerts_the_overlay_applies(RenderedOverlay overlay) {
    Set<Query> rendered =
        overlay.all(PrometheusRule.class).stream()
            .flatMap(r -> r.getSpec().getGroups().stream())
            .flatMap(g -> g.getRules().stream())
            .map(
                r ->
                    new Query(
                        r.getAlert() != null ? "alert " + r.getAlert() : "record " + r.getRecord(),
                        expr(r)))
            .collect(Collectors.toSet());

    assertThat(shipped().queries())
        .filteredOn(q -> !q.source().startsWith("dashboard "))
        .containsExactlyInAnyOrderElementsOf(rendered);
  }

  @Test
  void every_metric_queried_is_one_the_services_expose() {
    Set<String> exposed = exposedMetricNames();
    List<String> unknown = new ArrayList<>();
    List<String> selectingNothing = new ArrayList<>();
    for (Query query : shipped().queries()) {
      Set<String> names = query.metricNames();
      if (names.isEmpty()) {
        selectingNothing.add(query.source());
      }
      names.stream()
          .filter(name -> !exposed.contains(name))
          .forEach(name -> unknown.add(query.source() + ": " + name));
    }

    assertThat(shipped().queries()).hasSizeGreaterThan(ALERTS.size());
    assertThat(unknown)
        .as(
            "metrics no service exposes (a histogram has _bucket/_count/_sum/_max, a timer"
                + " _count/_sum/_max)")
        .isEmpty();
    assertThat(selectingNothing).as("expressions that select no metric").isEmpty();
  }

  @Test
  void the_dashboard_filters_templates_metrics_by_tributary_namespace_and_template() {
    // The Kubernetes namespace is Prometheus' namespace label; the Tributary namespace is the
    // meters' tributary_namespace tag.
    for (Query query : dashboardQueries()) {
      if (query.source().startsWith("dashboard panel ")
          && query.metricNames().stream().anyMatch(DashboardsAndAlertsTest::hasTemplateTags)) {
        assertThat(query.expr())
            .as(query.source())
            .contains("tributary_namespace=~\"$namespace\"")
            .contains("template=~\"$template\"");
      }
    }
  }

  private static boolean hasTemplateTags(String metric) {
    return TEMPLATE_METRICS.stream().anyMatch(metric::startsWith);
  }

  @Test
  void the_dashboards_rate_windows_are_grafanas_rate_interval() {
    Pattern range = Pattern.compile("\\[([^\\[\\]]*)]");
    for (Query query : dashboardQueries()) {
      Matcher matcher = range.matcher(query.expr());
      while (matcher.find()) {
        assertThat(matcher.group(1))
            .as("%s: a window that follows the scrape interval and the zoom", query.source())
            .isEqualTo("$__rate_interval");
      }
    }
  }

  @Test
  void the_dashboard_imports_with_unique_panel_ids_and_the_data_source_as_a_variable() {
    JsonNode dashboard = dashboard();
    List<JsonNode> panels = new ArrayList<>();
    collectPanels(dashboard.path("panels"), panels);
    Map<String, JsonNode> variables = new LinkedHashMap<>();
    dashboard
        .path("templating")
        .path("list")
        .forEach(v -> variables.put(v.path("name").asText(), v));

    assertThat(dashboard.path("id").isMissingNode() || dashboard.path("id").isNull())
        .as("an imported dashboard gets its id from Grafana")
        .isTrue();
    assertThat(dashboard.path("uid").asText()).isNotBlank();
    assertThat(dashboard.path("title").asText()).isNotBlank();
    assertThat(dashboard.path("schemaVersion").asInt())
        .as("Grafana 10's schema")
        .isGreaterThanOrEqualTo(36);
    assertThat(variables).containsKeys("datasource", "namespace", "template");
    assertThat(variables.get("datasource").path("type").asText()).isEqualTo("datasource");
    assertThat(variables.get("datasource").path("query").asText()).isEqualTo("prometheus");
    for (String name : List.of("namespace", "template")) {
      JsonNode variable = variables.get(name);
      assertThat(variable.path("type").asText()).as(name).isEqualTo("query");
      assertThat(variable.path("multi").asBoolean()).as(name).isTrue();
      assertThat(variable.path("includeAll").asBoolean()).as(name).isTrue();
      assertThat(variable.path("allValue").asText())
          .as("%s: All matches every series, not only the values listed", name)
          .isEqualTo(".*");
      assertThat(variable.path("datasource").path("uid").asText())
          .as(name)
          .isEqualTo("${datasource}");
    }

    Set<Integer> ids = new HashSet<>();
    assertThat(panels).isNotEmpty();
    for (JsonNode panel : panels) {
      String title = panel.path("title").asText();
      assertThat(panel.path("id").isInt()).as("%s has an id", title).isTrue();
      assertThat(ids.add(panel.path("id").asInt()))
          .as("panel id %s of %s is unique", panel.path("id"), title)
          .isTrue();
      JsonNode position = panel.path("gridPos");
      assertThat(position.path("w").asInt()).as(title).isBetween(1, 24);
      assertThat(position.path("x").asInt() + position.path("w").asInt())
          .as(title)
          .isLessThanOrEqualTo(24);
      if (panel.path("type").asText().equals("row")) {
        continue;
      }
      assertThat(panel.path("datasource").path("type").asText()).as(title).isEqualTo("prometheus");
      assertThat(panel.path("datasource").path("uid").asText())
          .as(title)
          .isEqualTo("${datasource}");
      assertThat(panel.path("targets")).as("%s has queries", title).isNotEmpty();
      for (JsonNode target : panel.path("targets")) {
        assertThat(target.path("expr").asText()).as(title).isNotBlank();
        if (!target.path("datasource").isMissingNode()) {
          assertThat(target.path("datasource").path("uid").asText())
              .as(title)
              .isEqualTo("${datasource}");
        }
      }
    }
  }

  /** Panels in order, those inside (collapsed) rows included. */
  private static void collectPanels(JsonNode panels, List<JsonNode> into) {
    for (JsonNode panel : panels) {
      into.add(panel);
      collectPanels(panel.path("panels"), into);
    }
  }

  /** GitHub's anchors of the runbooks' second-level headings. */
  private static Set<String> runbookAnchors() {
    return read(DeployFiles.moduleDirectory().resolve("observability/runbooks.md"))
        .lines()
        .filter(line -> line.startsWith("## "))
        .map(line -> anchor(line.substring(3).strip()))
        .collect(Collectors.toSet());
  }

  private static String anchor(String heading) {
    return heading
        .toLowerCase(java.util.Locale.ROOT)
        .replaceAll("[^a-z0-9 _-]", "")
        .replace(' ', '-');
  }

  private static long sentences(String text) {
    return Pattern.compile("[.!?](\\s|$)").matcher(text).results().count();
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
