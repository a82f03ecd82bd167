package dev.tributary.testkit.observability;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MappingIterator;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Every PromQL expression deploy/ ships: the Grafana dashboard's panel queries and its variables'
 * metric selectors, and the PrometheusRule's alerting and recording rules, each with where it came
 * from. {@link #metricNames(String)} names the metrics an expression selects, so that a test can
 * hold them against what the services expose.
 *
 * <pre>{@code
 * ShippedQueries shipped = ShippedQueries.load(Path.of("deploy"));
 * for (ShippedQueries.Query query : shipped.queries()) { ... query.source(), query.expr() ... }
 * Set<String> names = shipped.allMetricNames();
 * }</pre>
 */
public final class ShippedQueries {

  /** The Grafana dashboard, relative to the deploy directory. */
  public static final String DASHBOARD = "observability/grafana-dashboard.json";

  /** The PrometheusRule with the alerts, relative to the deploy directory. */
  public static final String ALERTS = "k8s/components/prometheus-operator/alerts.yaml";

  /**
   * One expression and where it came from.
   *
   * @param source e.g. {@code dashboard panel "Ready backlog" A}, {@code dashboard variable
   *     template} or {@code alert TributaryDeadLetters}
   * @param expr the PromQL as shipped; dashboard expressions still hold Grafana's variables ({@code
   *     $__rate_interval}, {@code $namespace})
   */
  public record Query(String source, String expr) {

    /** The metrics this expression selects: {@link ShippedQueries#metricNames(String)}. */
    public Set<String> metricNames() {
      return ShippedQueries.metricNames(expr);
    }
  }

  private final List<Query> queries;

  private ShippedQueries(List<Query> queries) {
    this.queries = List.copyOf(queries);
  }

  /** Reads {@link #DASHBOARD} and {@link #ALERTS} under the deploy module's directory. */
  public static ShippedQueries load(Path deployDirectory) {
    List<Query> queries = new ArrayList<>();
    dashboard(JsonMapper.shared().readTree(existing(deployDirectory.resolve(DASHBOARD))), queries);
    try (MappingIterator<JsonNode> documents =
        YAMLMapper.shared()
            .readerFor(JsonNode.class)
            .readValues(existing(deployDirectory.resolve(ALERTS)))) {
      for (JsonNode document : documents.readAll()) {
        if (document.path("kind").asString("").equals("PrometheusRule")) {
          rules(document, queries);
        }
      }
    }
    return new ShippedQueries(queries);
  }

  /** Every expression, the dashboard's first (in panel order), then the rules' (in file order). */
  public List<Query> queries() {
    return queries;
  }

  /** The metric names all expressions select, sorted. */
  public Set<String> allMetricNames() {
    Set<String> names = new TreeSet<>();
    queries.forEach(query -> names.addAll(query.metricNames()));
    return Collections.unmodifiableSet(names);
  }

  private static Path existing(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException(file + " does not exist: is this deploy/?");
    }
    return file;
  }

  private static void dashboard(JsonNode dashboard, List<Query> queries) {
    for (JsonNode variable : dashboard.path("templating").path("list")) {
      if (variable.path("type").asString("").equals("query")) {
        JsonNode query = variable.path("query");
        String text = query.isObject() ? query.path("query").asString("") : query.asString("");
        String selector = variableSelector(text);
        if (!selector.isEmpty()) {
          queries.add(
              new Query("dashboard variable " + variable.path("name").asString(""), selector));
        }
      }
    }
    panels(dashboard.path("panels"), queries);
  }

  /** Panels in order; a collapsed row holds its panels itself. */
  private static void panels(JsonNode panels, List<Query> queries) {
    for (JsonNode panel : panels) {
      String title = panel.path("title").asString("");
      for (JsonNode target : panel.path("targets")) {
        String expr = target.path("expr").asString("");
        if (!expr.isBlank()) {
          queries.add(
              new Query(
                  "dashboard panel \"" + title + "\" " + target.path("refId").asString(""), expr));
        }
      }
      panels(panel.path("panels"), queries);
    }
  }

  /**
   * The PromQL inside a Prometheus variable query: the series selector of {@code label_values(sel,
   * label)} or the expression of {@code query_result(expr)}; empty for queries that select no
   * metric ({@code label_values(label)}, {@code label_names()}, {@code metrics(regex)}).
   */
  static String variableSelector(String query) {
    String text = query.strip();
    if (text.startsWith("query_result(") && text.endsWith(")")) {
      return text.substring("query_result(".length(), text.length() - 1).strip();
    }
    if (text.startsWith("label_values(") && text.endsWith(")")) {
      String arguments = text.substring("label_values(".length(), text.length() - 1);
      int comma = lastTopLevelComma(arguments);
      return comma < 0 ? "" : arguments.substring(0, comma).strip();
    }
    return "";
  }

  /** The last comma outside braces, parentheses and quotes, or -1. */
  private static int lastTopLevelComma(String text) {
    int depth = 0;
    int last = -1;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '"' || c == '\'' || c == '`') {
        i = new Scanner(text).endOfString(i) - 1;
      } else if (c == '{' || c == '(' || c == '[') {
        depth++;
      } else if (c == '}' || c == ')' || c == ']') {
        depth--;
      } else if (c == ',' && depth == 0) {
        last = i;
      }
    }
    return last;
  }

  private static void rules(JsonNode prometheusRule, List<Query> queries) {
    for (JsonNode group : prometheusRule.path("spec").path("groups")) {
      for (JsonNode rule : group.path("rules")) {
        String source =
            rule.has("alert")
                ? "alert " + rule.path("alert").asString("")
                : "record " + rule.path("record").asString("");
        queries.add(new Query(source, rule.path("expr").asString("")));
      }
    }
  }

  /**
   * The names of the metrics an expression selects, in the order they appear. Function names,
   * aggregation operators, keywords ({@code by}, {@code without}, {@code on}, {@code ignoring},
   * {@code group_left}, {@code group_right}, {@code bool}, {@code offset}, {@code and}, {@code or},
   * {@code unless}), the label lists of {@code by (...)} and the like, label matchers (except a
   * {@code __name__="..."} one, which names a metric), string literals, numbers, durations, ranges
   * and Grafana's variables ({@code $__rate_interval}, {@code ${namespace}}) are skipped. Names are
   * returned as written: {@code x_bucket} stays {@code x_bucket}.
   *
   * @throws IllegalArgumentException when a string, brace or bracket is not closed
   */
  public static Set<String> metricNames(String expr) {
    return Collections.unmodifiableSet(new Scanner(expr).metricNames());
  }

  /** A PromQL tokenizer that keeps only what names metrics. */
  private static final class Scanner {

    /** Keywords followed by a parenthesized list of label names. */
    private static final Set<String> GROUPING =
        Set.of("by", "without", "on", "ignoring", "group_left", "group_right");

    /** Keywords, and the literals that look like names. */
    private static final Set<String> KEYWORDS =
        Set.of("and", "or", "unless", "atan2", "bool", "offset", "inf", "nan");

    /** Aggregation operators: followed by {@code by}/{@code without} or by their arguments. */
    private static final Set<String> AGGREGATIONS =
        Set.of(
            "sum",
            "avg",
            "min",
            "max",
            "count",
            "group",
            "stddev",
            "stdvar",
            "topk",
            "bottomk",
            "quantile",
            "count_values",
            "limitk",
            "limit_ratio");

    private final String text;
    private int position;

    Scanner(String text) {
      this.text = text;
    }

    Set<String> metricNames() {
      Set<String> names = new LinkedHashSet<>();
      while (position < text.length()) {
        char c = text.charAt(position);
        if (Character.isWhitespace(c)) {
          position++;
        } else if (c == '#') {
          int end = text.indexOf('\n', position);
          position = end < 0 ? text.length() : end + 1;
        } else if (isQuote(c)) {
          position = endOfString(position);
        } else if (c == '{') {
          matchers(names);
        } else if (c == '[') {
          // A range or subquery ([5m], [$__rate_interval], [1h:5m]) or Grafana's [[variable]].
          position = endOf('[', ']', position);
        } else if (c == '$') {
          variable();
        } else if (isDigit(c) || (c == '.' && isDigit(peek(position + 1)))) {
          // Numbers and durations: 0.95, 1e-3 (the '-' and the 3 follow as tokens), 0x1f, 5m.
          position = endOfNumber(position);
        } else if (isNameStart(c)) {
          name(names);
        } else {
          position++;
        }
      }
      return names;
    }

    private void name(Set<String> names) {
      int end = endOfWord(position);
      String word = text.substring(position, end);
      String lower = word.toLowerCase(Locale.ROOT);
      position = end;
      if (GROUPING.contains(lower)) {
        skipWhitespace();
        if (peek(position) == '(') {
          position = endOf('(', ')', position);
        }
      } else if (!KEYWORDS.contains(lower)
          && !AGGREGATIONS.contains(lower)
          && peek(nextNonWhitespace(position)) != '(') {
        names.add(word);
      }
      // Anything else followed by '(' is a function: its arguments are scanned as they come.
    }

    /**
     * Label matchers: {@code {a="x", b=~"y"}}. A lone string ({@code {"name"}}, Prometheus 3's
     * quoted metric names) or a {@code __name__="x"} matcher names a metric.
     */
    private void matchers(Set<String> names) {
      int end = endOf('{', '}', position);
      position++;
      List<String> item = new ArrayList<>();
      while (position < end - 1) {
        char c = text.charAt(position);
        if (Character.isWhitespace(c)) {
          position++;
        } else if (c == ',') {
          matcher(item, names);
          item.clear();
          position++;
        } else if (isQuote(c)) {
          int stringEnd = endOfString(position);
          item.add(text.substring(position, stringEnd));
          position = stringEnd;
        } else if (c == '=' || c == '!' || c == '~') {
          int operatorEnd = position;
          while (operatorEnd < end - 1 && "=!~".indexOf(text.charAt(operatorEnd)) >= 0) {
            operatorEnd++;
          }
          item.add(text.substring(position, operatorEnd));
          position = operatorEnd;
        } else {
          int wordEnd = Math.max(endOfWord(position), position + 1);
          item.add(text.substring(position, wordEnd));
          position = wordEnd;
        }
      }
      matcher(item, names);
      position = end;
    }

    private static void matcher(List<String> item, Set<String> names) {
      if (item.size() == 1 && isQuote(item.getFirst().charAt(0))) {
        names.add(unquote(item.getFirst()));
      } else if (item.size() == 3
          && unquote(item.get(0)).equals("__name__")
          && item.get(1).equals("=")
          && isQuote(item.get(2).charAt(0))) {
        names.add(unquote(item.get(2)));
      }
    }

    /** Grafana's $name, $__rate_interval, ${name} and ${name:format}. */
    private void variable() {
      if (peek(position + 1) == '{') {
        position = endOf('{', '}', position + 1);
      } else {
        position = endOfWord(position + 1);
      }
    }

    /** The index after the closing quote of the string starting at {@code start}. */
    int endOfString(int start) {
      char quote = text.charAt(start);
      for (int i = start + 1; i < text.length(); i++) {
        char c = text.charAt(i);
        if (c == '\\' && quote != '`') {
          i++;
        } else if (c == quote) {
          return i + 1;
        }
      }
      throw new IllegalArgumentException(
          "unterminated string at " + start + " in: " + text.strip());
    }

    /** The index after the bracket that closes the one at {@code start}; strings may hold any. */
    private int endOf(char open, char close, int start) {
      int depth = 0;
      for (int i = start; i < text.length(); i++) {
        char c = text.charAt(i);
        if (isQuote(c)) {
          i = endOfString(i) - 1;
        } else if (c == open) {
          depth++;
        } else if (c == close && --depth == 0) {
          return i + 1;
        }
      }
      throw new IllegalArgumentException(
          "'" + open + "' at " + start + " is not closed in: " + text.strip());
    }

    private int endOfWord(int start) {
      int i = start;
      while (i < text.length() && isNamePart(text.charAt(i))) {
        i++;
      }
      return i;
    }

    /** Numbers and durations: digits, letters and dots (1.5e3, 0x1f, 1h30m). */
    private int endOfNumber(int start) {
      int i = start;
      while (i < text.length() && (isNamePart(text.charAt(i)) || text.charAt(i) == '.')) {
        i++;
      }
      return i;
    }

    private void skipWhitespace() {
      position = nextNonWhitespace(position);
    }

    private int nextNonWhitespace(int from) {
      int i = from;
      while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
        i++;
      }
      return i;
    }

    private char peek(int index) {
      return index < text.length() ? text.charAt(index) : '\0';
    }

    private static String unquote(String token) {
      return isQuote(token.charAt(0)) ? token.substring(1, token.length() - 1) : token;
    }

    private static boolean isQuote(char c) {
      return c == '"' || c == '\'' || c == '`';
    }

    private static boolean isDigit(char c) {
      return c >= '0' && c <= '9';
    }

    private static boolean isNameStart(char c) {
      return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == ':';
    }

    private static boolean isNamePart(char c) {
      return isNameStart(c) || isDigit(c);
    }
  }
}
