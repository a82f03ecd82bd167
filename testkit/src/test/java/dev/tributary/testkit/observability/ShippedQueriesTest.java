package dev.tributary.testkit.observability;

import static dev.tributary.testkit.observability.ShippedQueries.metricNames;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tributary.testkit.observability.ShippedQueries.Query;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShippedQueriesTest {

  @Test
  void a_histogram_quantile_selects_its_buckets_as_written_and_nothing_of_grafanas_variables() {
    assertThat(
            metricNames(
                "histogram_quantile(0.95, sum by (le, template) (rate(tributary_tasks_duration_"
                    + "seconds_bucket{tributary_namespace=~\"$namespace\", template=~\"${template:regex}\"}"
                    + "[$__rate_interval])))"))
        .containsExactly("tributary_tasks_duration_seconds_bucket");
    assertThat(
            metricNames(
                "sum(rate(x_sum[$__rate_interval])) / sum(rate(x_count[$__interval])) * ${factor}"))
        .containsExactly("x_sum", "x_count");
  }

  @Test
  void grouping_clauses_name_labels_not_metrics_wherever_they_stand() {
    assertThat(metricNames("sum(rate(a_total[5m])) by (job, instance)")).containsExactly("a_total");
    assertThat(metricNames("sum without (instance) (b)")).containsExactly("b");
    assertThat(metricNames("a / on (job) group_left (version, commit) b"))
        .containsExactly("a", "b");
    assertThat(metricNames("a * ignoring(pod) group_right c")).containsExactly("a", "c");
    assertThat(metricNames("a and on() b")).containsExactly("a", "b");
  }

  @Test
  void keywords_and_operators_are_not_metrics_in_any_case() {
    assertThat(metricNames("SUM BY (job) (x) AND y OR z UNLESS w"))
        .containsExactly("x", "y", "z", "w");
    assertThat(metricNames("errors > bool 0")).containsExactly("errors");
    assertThat(metricNames("x offset 5m unless x offset -1h")).containsExactly("x");
    assertThat(metricNames("x @ start() - x @ 1609746000")).containsExactly("x");
    assertThat(metricNames("a atan2 b")).containsExactly("a", "b");
  }

  @Test
  void functions_are_not_metrics_even_with_a_space_before_their_parenthesis() {
    assertThat(metricNames("rate (x[5m])")).containsExactly("x");
    assertThat(metricNames("absent(x) or vector(0)")).containsExactly("x");
    assertThat(metricNames("time() - process_start_time_seconds"))
        .containsExactly("process_start_time_seconds");
    assertThat(metricNames("topk(5, x)")).containsExactly("x");
    assertThat(metricNames("max_over_time(deriv(x[10m])[1h:5m])")).containsExactly("x");
  }

  @Test
  void strings_numbers_and_durations_are_skipped() {
    assertThat(metricNames("label_replace(up, \"dst\", \"$1\", \"src\", \"(.*)\")"))
        .containsExactly("up");
    assertThat(metricNames("count_values(\"version\", build_info)")).containsExactly("build_info");
    assertThat(metricNames("x * 1e-3 + 0x1f - .5 + Inf - NaN + 1.5")).containsExactly("x");
    assertThat(metricNames("x{a=\"}\\\"{ not_a_metric\", b='y', c=`z\\`}")).containsExactly("x");
  }

  @Test
  void a_name_matcher_and_a_quoted_name_are_metrics() {
    assertThat(metricNames("{__name__=\"http_requests_total\", job=\"a\"}"))
        .containsExactly("http_requests_total");
    assertThat(metricNames("{__name__=~\"http_.*\"}")).as("a regex names no one metric").isEmpty();
    assertThat(metricNames("{\"my.metric\", job=\"a\"}")).containsExactly("my.metric");
  }

  @Test
  void recording_rule_names_and_comments() {
    assertThat(metricNames("job:requests:rate5m # not_a_metric either\n + y"))
        .containsExactly("job:requests:rate5m", "y");
  }

  @Test
  void an_unterminated_string_or_brace_is_an_error() {
    assertThatThrownBy(() -> metricNames("x{a=\"b}")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> metricNames("sum(x{a=\"b\""))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void a_variable_query_gives_its_series_selector() {
    assertThat(ShippedQueries.variableSelector("label_values(x{a=~\"$ns\", b=\",\"}, template)"))
        .isEqualTo("x{a=~\"$ns\", b=\",\"}");
    assertThat(ShippedQueries.variableSelector("query_result(max by (a) (x))"))
        .isEqualTo("max by (a) (x)");
    assertThat(ShippedQueries.variableSelector("label_values(job)")).isEmpty();
    assertThat(ShippedQueries.variableSelector("label_names()")).isEmpty();
  }

  @Test
  void load_reads_panels_rows_variables_and_rules_in_order(@TempDir Path deploy)
      throws IOException {
    Path dashboard = deploy.resolve(ShippedQueries.DASHBOARD);
    Files.createDirectories(dashboard.getParent());
    Files.writeString(
        dashboard,
        """
        {
          "templating": {"list": [
            {"name": "datasource", "type": "datasource", "query": "prometheus"},
            {"name": "namespace", "type": "query",
             "query": {"query": "label_values(a_total, tributary_namespace)", "refId": "V"}},
            {"name": "template", "type": "query",
             "query": "label_values(b_count{tributary_namespace=~\\"$namespace\\"}, template)"},
            {"name": "interval", "type": "interval", "query": "1m,5m"}
          ]},
          "panels": [
            {"type": "row", "title": "Open", "collapsed": false, "panels": []},
            {"type": "timeseries", "title": "Two",
             "targets": [{"refId": "A", "expr": "sum(rate(a_total[$__rate_interval]))"},
                         {"refId": "B", "expr": "max(c)"},
                         {"refId": "C", "expr": ""}]},
            {"type": "text", "title": "Notes"},
            {"type": "row", "title": "Closed", "collapsed": true, "panels": [
              {"type": "stat", "title": "Inside", "targets": [{"refId": "A", "expr": "d"}]}
            ]}
          ]
        }
        """);
    Path alerts = deploy.resolve(ShippedQueries.ALERTS);
    Files.createDirectories(alerts.getParent());
    Files.writeString(
        alerts,
        """
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: not-rules
        data:
          expr: not_a_query
        ---
        apiVersion: monitoring.coreos.com/v1
        kind: PrometheusRule
        metadata:
          name: rules
        spec:
          groups:
            - name: one
              rules:
                - record: job:e:rate5m
                  expr: sum by (job) (rate(e_total[5m]))
                - alert: Something
                  expr: |-
                    job:e:rate5m > 1
                    and
                    f > 0
                  labels:
                    severity: warning
        """);

    ShippedQueries shipped = ShippedQueries.load(deploy);

    assertThat(shipped.queries())
        .containsExactly(
            new Query("dashboard variable namespace", "a_total"),
            new Query(
                "dashboard variable template", "b_count{tributary_namespace=~\"$namespace\"}"),
            new Query("dashboard panel \"Two\" A", "sum(rate(a_total[$__rate_interval]))"),
            new Query("dashboard panel \"Two\" B", "max(c)"),
            new Query("dashboard panel \"Inside\" A", "d"),
            new Query("record job:e:rate5m", "sum by (job) (rate(e_total[5m]))"),
            new Query("alert Something", "job:e:rate5m > 1\nand\nf > 0"));
    assertThat(shipped.allMetricNames())
        .containsExactly("a_total", "b_count", "c", "d", "e_total", "f", "job:e:rate5m");
  }

  @Test
  void load_says_which_file_is_missing(@TempDir Path empty) {
    assertThatThrownBy(() -> ShippedQueries.load(empty))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(ShippedQueries.DASHBOARD);
  }
}
