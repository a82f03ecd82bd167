package dev.tributary.core.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.tributary.contracts.Limits;
import dev.tributary.contracts.Topics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * docs/reference/templates.md is the parser's reference: its key tables list exactly the keys the
 * parser reads (derived from {@link TemplateDocument} through the parser's own mappers), with the
 * Java type of each, and the defaults, bounds, patterns and choices they state are what the parser
 * and validator do. Every YAML example on the page is a valid template, and together they use every
 * key.
 *
 * <p>The tables are Markdown tables headed {@code | Key | Type | Default | Rules |}, one row per
 * key, the key in backticks as a dotted path ({@code steps[].retry.max_attempts}). The Rules column
 * states bounds as {@code between `1` and `100`}, {@code at least `0ms`}, {@code at most `...`} and
 * {@code more than `0ms`}, patterns as {@code matches `regex`} and choices as {@code one of `a`,
 * `b`}, which this test reads.
 */
class TemplateReferenceTest {

  private static final Pattern TABLE_HEADER =
      Pattern.compile("\\|\\s*Key\\s*\\|\\s*Type\\s*\\|\\s*Default\\s*\\|\\s*Rules\\s*\\|");
  private static final Pattern CELL_SEPARATOR = Pattern.compile("\\|");
  private static final Pattern YAML_BLOCK = Pattern.compile("```yaml\\n(.*?)```", Pattern.DOTALL);
  private static final Pattern LITERAL = Pattern.compile("`([^`]+)`");
  private static final Pattern BETWEEN =
      Pattern.compile("\\bbetween `([^`]+)` and `([^`]+)`", Pattern.CASE_INSENSITIVE);
  private static final Pattern AT_LEAST =
      Pattern.compile("\\bat least `([^`]+)`", Pattern.CASE_INSENSITIVE);
  private static final Pattern AT_MOST =
      Pattern.compile("\\bat most `([^`]+)`", Pattern.CASE_INSENSITIVE);
  private static final Pattern MORE_THAN =
      Pattern.compile("\\bmore than `([^`]+)`", Pattern.CASE_INSENSITIVE);
  private static final Pattern MATCHES =
      Pattern.compile("\\bmatches `([^`]+)`", Pattern.CASE_INSENSITIVE);
  private static final Pattern ONE_OF =
      Pattern.compile("\\bone of ((?:`[^`]+`(?:, )?)+)", Pattern.CASE_INSENSITIVE);

  private static final YAMLMapper YAML = YAMLMapper.shared();

  private static final Path DOCUMENT = Path.of("..", "docs", "reference", "templates.md");

  private static final String TEXT = read(DOCUMENT);

  private static final Map<String, Row> ROWS = rows(TEXT);

  /** The keys the parser reads, as dotted paths, with the Java type of each. */
  private static final Map<String, Type> ACCEPTED = acceptedKeys(TemplateParser.readers().get(0));

  /**
   * How to read a key's value back from a parsed template (a minimal one, whose single step is the
   * one {@code steps[]} means). A {@code defaults.} key is read from the step, where it ends up.
   */
  private static final Map<String, Function<TemplatePlan, @Nullable Object>> VALUES = values();

  /** Each {@code matches} rule's key, and the pattern the validator applies to it. */
  private static final Map<String, Pattern> PATTERNS =
      Map.of(
          "namespace", Topics.NAMESPACE,
          "name", TemplateValidator.STEP_NAME,
          "version", TemplateValidator.VERSION,
          "steps[].name", TemplateValidator.STEP_NAME);

  /** Each {@code one of} rule's key, and the values the parser knows for it. */
  private static final Map<String, List<String>> CHOICES =
      Map.of(
          "identity",
          Arrays.stream(IdentityStrategy.values()).map(IdentityStrategy::wireName).toList(),
          "steps[].kind",
          Arrays.stream(StepKind.values()).map(StepKind::wireName).toList());

  /** A row of a key table. */
  record Row(String key, String type, String defaultValue, String rules) {}

  @Test
  void every_key_the_parser_reads_is_documented() {
    assertThat(ROWS.keySet())
        .as("the keys documented in %s", DOCUMENT)
        .containsAll(ACCEPTED.keySet());
  }

  @Test
  void every_documented_key_is_one_the_parser_reads() {
    assertThat(ACCEPTED.keySet())
        .as("the keys the parser reads (TemplateDocument)")
        .containsAll(ROWS.keySet());
  }

  @Test
  void both_readers_read_the_same_keys_and_read_back_every_one_they_write() {
    for (ObjectMapper mapper : TemplateParser.readers()) {
      assertThat(acceptedKeys(mapper)).as(mapper.getClass().getSimpleName()).isEqualTo(ACCEPTED);
      Object full = sample(TemplateDocument.class);
      // Unknown keys fail the read, so reading back what was written proves every key is read.
      assertThat(mapper.treeToValue(mapper.valueToTree(full), TemplateDocument.class))
          .isEqualTo(full);
    }
  }

  @Test
  void each_documented_type_is_the_type_the_parser_reads() {
    assertThat(ROWS.values())
        .allSatisfy(
            row ->
                assertThat(row.type())
                    .as("type of %s", row.key())
                    .isIn(documentedTypes(ACCEPTED.getOrDefault(row.key(), Object.class))));
  }

  @Test
  void the_keys_documented_as_durations_are_read_as_durations_and_no_other_string() {
    ACCEPTED.forEach(
        (key, type) -> {
          if (type == String.class) {
            List<String> problems = problems(with(key, "soon"));
            boolean readAsDuration =
                problems.stream().anyMatch(p -> p.contains("'soon' is not a duration"));
            assertThat(readAsDuration)
                .as("%s is read as a duration: %s", key, problems)
                .isEqualTo(row(key).type().equals("duration"));
          }
        });
  }

  @Test
  void every_yaml_example_is_a_valid_template() {
    List<String> examples = examples();

    assertThat(examples).isNotEmpty();
    assertThat(examples)
        .allSatisfy(
            yaml ->
                assertThatCode(() -> TemplateParser.fromYaml(yaml, DOCUMENT.toString()))
                    .doesNotThrowAnyException());
  }

  @Test
  void the_examples_together_use_every_key() {
    Set<String> used = new TreeSet<>();
    examples().forEach(yaml -> collectPaths(YAML.readTree(yaml), "", used));

    assertThat(used).isEqualTo(ACCEPTED.keySet());
  }

  @Test
  void the_documented_defaults_are_what_a_template_that_leaves_the_key_out_gets() {
    TemplatePlan minimal = TemplateParser.fromYaml(YAML.writeValueAsString(minimal()), "minimal");
    for (Row row : ROWS.values()) {
      Function<TemplatePlan, @Nullable Object> value = valueOf(row.key());
      String documented = row.defaultValue();
      Matcher literal = LITERAL.matcher(documented);
      if (documented.equals("none") && value != null) {
        assertThat(value.apply(minimal)).as("default of %s", row.key()).isNull();
      } else if (literal.matches() && !ROWS.containsKey(literal.group(1))) {
        assertThat(value)
            .as("%s documents the default %s: teach VALUES how to read it", row.key(), documented)
            .isNotNull();
        assertSameValue(row.key(), literal.group(1), value.apply(minimal));
      } else if (!literal.matches()) {
        assertThat(value)
            .as(
                "%s has a value this test reads, so its default must be `a value`, a `key` or"
                    + " none, not '%s'",
                row.key(), documented)
            .isNull();
      }
    }
  }

  @Test
  void a_default_that_names_a_key_is_that_key_s_value() {
    for (Row row : ROWS.values()) {
      Matcher literal = LITERAL.matcher(row.defaultValue());
      if (!literal.matches() || !ROWS.containsKey(literal.group(1))) {
        continue;
      }
      Row referenced = row(literal.group(1));
      assertThat(referenced.type()).as("type of %s", referenced.key()).isEqualTo(row.type());
      String sample = sampleText(row.type());
      if (sample == null) {
        continue;
      }
      Function<TemplatePlan, @Nullable Object> value = valueOf(row.key());
      assertThat(value).as("%s: teach VALUES how to read it", row.key()).isNotNull();
      TemplatePlan plan = parse(with(referenced.key(), sample));
      assertSameValue(row.key(), sample, value.apply(plan));
    }
  }

  @Test
  void a_template_without_a_required_key_is_rejected() {
    List<Row> required =
        ROWS.values().stream().filter(row -> row.defaultValue().equals("required")).toList();

    assertThat(required).isNotEmpty();
    for (Row row : required) {
      ObjectNode template = minimal();
      remove(template, row.key());
      assertThat(problems(template)).as("without %s", row.key()).isNotEmpty();
    }
  }

  @Test
  void the_handler_defaults_to_the_step_name() {
    assertThat(row("steps[].handler").defaultValue()).isEqualTo("the step's name");
    assertThat(parse(minimal()).template().steps().get(0).handler()).isEqualTo("a");
  }

  @Test
  void the_documented_bounds_are_the_validator_s() {
    for (Row row : ROWS.values()) {
      boolean bounded = false;
      for (Matcher m = BETWEEN.matcher(row.rules()); m.find(); bounded = true) {
        assertAccepted(row, m.group(1));
        assertAccepted(row, m.group(2));
        assertRejected(row, below(row, m.group(1)));
        assertRejected(row, above(row, m.group(2)));
      }
      for (Matcher m = AT_LEAST.matcher(row.rules()); m.find(); bounded = true) {
        assertAccepted(row, m.group(1));
        assertRejected(row, below(row, m.group(1)));
      }
      for (Matcher m = AT_MOST.matcher(row.rules()); m.find(); bounded = true) {
        assertAccepted(row, m.group(1));
        assertRejected(row, above(row, m.group(1)));
      }
      for (Matcher m = MORE_THAN.matcher(row.rules()); m.find(); bounded = true) {
        assertRejected(row, m.group(1));
        assertAccepted(row, above(row, m.group(1)));
      }
      if (Set.of("integer", "number", "duration").contains(row.type())) {
        assertThat(bounded).as("%s states its bounds in its rules", row.key()).isTrue();
      }
    }
  }

  @Test
  void the_documented_patterns_are_the_validator_s() {
    Map<String, String> documented = new TreeMap<>();
    ROWS.values()
        .forEach(
            row -> {
              Matcher m = MATCHES.matcher(row.rules());
              if (m.find()) {
                documented.put(row.key(), m.group(1));
              }
            });

    assertThat(documented)
        .isEqualTo(
            PATTERNS.entrySet().stream()
                .collect(
                    Collectors.toMap(Map.Entry::getKey, e -> e.getValue().pattern(), (a, b) -> a)));
    assertThat(documented.keySet())
        .allSatisfy(key -> assertThat(problems(with(key, "-starts-with-a-dash"))).isNotEmpty());
  }

  @Test
  void the_documented_choices_are_the_parser_s() {
    Map<String, List<String>> documented = new TreeMap<>();
    ROWS.values()
        .forEach(
            row -> {
              Matcher m = ONE_OF.matcher(row.rules());
              if (m.find()) {
                List<String> values = new ArrayList<>();
                Matcher value = LITERAL.matcher(m.group(1));
                while (value.find()) {
                  values.add(value.group(1));
                }
                documented.put(row.key(), values);
              }
            });

    assertThat(documented).isEqualTo(new TreeMap<>(CHOICES));
  }

  @Test
  void the_page_states_the_contract_s_limits_on_templates() {
    assertThat(TEXT.replaceAll("\\s+", " "))
        .contains(
            "at most "
                + number(Limits.MAX_STEPS_PER_TEMPLATE)
                + " (the limit `max_steps_per_template`",
            number(Limits.MAX_TEMPLATE_CODE_POINTS)
                + " Unicode code points (the limit `max_template_code_points`",
            "at most " + number(Limits.MAX_BATCHES_PER_OUTCOME) + " per outcome");
  }

  @Test
  void spellings_the_page_calls_the_same_version_have_one_canonical_form() {
    String written =
        """
        namespace: orders
        name: same
        version: "1"
        # a comment
        steps:
          - name: a
            kind: STANDARD
            timeout: 60s
            retry: {max_attempts: 3}
        """;
    String rewritten =
        """
        version: '1'
        name: same
        namespace: orders
        identity: strict
        defaults: {timeout: 1m}
        steps: [{name: a, handler: a, retry: {backoff: {multiplier: 2.0}}}]
        """;
    String described = rewritten + "description: another\n";

    String canonical = TemplateParser.toJson(TemplateParser.fromYaml(written, "a").template());
    assertThat(TemplateParser.toJson(TemplateParser.fromYaml(rewritten, "b").template()))
        .isEqualTo(canonical);
    assertThat(TemplateParser.toJson(TemplateParser.fromYaml(described, "c").template()))
        .isNotEqualTo(canonical);
  }

  // ---- the page

  private static String read(Path path) {
    try {
      return Files.readString(path, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The rows of every key table, by key; a key documented twice is an error. */
  private static Map<String, Row> rows(String text) {
    Map<String, Row> rows = new LinkedHashMap<>();
    List<String> lines = text.lines().toList();
    for (int i = 0; i < lines.size(); i++) {
      if (!TABLE_HEADER.matcher(lines.get(i)).matches()) {
        continue;
      }
      // Skip the header and its |---| line; the table ends at the first line not a row.
      for (int j = i + 2; j < lines.size() && lines.get(j).startsWith("|"); j++) {
        List<String> cells =
            CELL_SEPARATOR.splitAsStream(lines.get(j)).map(String::strip).skip(1).toList();
        if (cells.size() != 4) {
          throw new IllegalStateException("not a row of 4 cells: " + lines.get(j));
        }
        Matcher key = LITERAL.matcher(cells.get(0));
        if (!key.matches()) {
          throw new IllegalStateException("the first cell is not a `key`: " + lines.get(j));
        }
        Row row = new Row(key.group(1), cells.get(1), cells.get(2), cells.get(3));
        if (rows.putIfAbsent(row.key(), row) != null) {
          throw new IllegalStateException(row.key() + " is documented twice");
        }
      }
    }
    if (rows.isEmpty()) {
      throw new IllegalStateException("no key table (| Key | Type | Default | Rules |) in " + text);
    }
    return rows;
  }

  private static Row row(String key) {
    Row row = ROWS.get(key);
    if (row == null) {
      throw new AssertionError(key + " is not documented");
    }
    return row;
  }

  private static List<String> examples() {
    List<String> examples = new ArrayList<>();
    Matcher m = YAML_BLOCK.matcher(TEXT);
    while (m.find()) {
      examples.add(m.group(1));
    }
    return examples;
  }

  /** Every key of a template as a dotted path, an element of a list being {@code []}. */
  private static void collectPaths(JsonNode node, String path, Set<String> paths) {
    if (node.isObject()) {
      node.properties()
          .forEach(
              property -> {
                String key = path.isEmpty() ? property.getKey() : path + "." + property.getKey();
                paths.add(key);
                collectPaths(property.getValue(), key, paths);
              });
    } else if (node.isArray()) {
      node.values().forEach(element -> collectPaths(element, path + "[]", paths));
    }
  }

  // ---- the parser's keys

  /**
   * The keys the mapper reads into {@link TemplateDocument}: its record components and those of the
   * records they hold, each named as the mapper names it (found by writing a record with only that
   * component set).
   */
  private static Map<String, Type> acceptedKeys(ObjectMapper mapper) {
    Map<String, Type> keys = new TreeMap<>();
    collectKeys(mapper, TemplateDocument.class, "", keys);
    return keys;
  }

  private static void collectKeys(
      ObjectMapper mapper, Class<?> record, String prefix, Map<String, Type> keys) {
    RecordComponent[] components = record.getRecordComponents();
    for (int i = 0; i < components.length; i++) {
      Object[] arguments = new Object[components.length];
      Type type = components[i].getGenericType();
      arguments[i] = sample(type);
      List<String> names =
          mapper.valueToTree(construct(record, arguments)).properties().stream()
              .filter(property -> !property.getValue().isNull())
              .map(Map.Entry::getKey)
              .toList();
      assertThat(names).as("names of %s.%s", record, components[i].getName()).hasSize(1);
      String path = prefix + names.get(0);
      keys.put(path, type);
      if (type instanceof Class<?> nested && nested.isRecord()) {
        collectKeys(mapper, nested, path + ".", keys);
      } else if (elementType(type) instanceof Class<?> element && element.isRecord()) {
        collectKeys(mapper, element, path + "[].", keys);
      }
    }
  }

  private static @Nullable Type elementType(Type type) {
    return type instanceof ParameterizedType list && list.getRawType() == List.class
        ? list.getActualTypeArguments()[0]
        : null;
  }

  /** A value of this type with every field set. */
  private static Object sample(Type type) {
    if (type == String.class) {
      return "x";
    } else if (type == Integer.class) {
      return 1;
    } else if (type == Double.class) {
      return 1.5;
    } else if (type == Boolean.class) {
      return true;
    }
    Type element = elementType(type);
    if (element != null) {
      return List.of(sample(element));
    } else if (type instanceof Class<?> record && record.isRecord()) {
      return construct(
          record,
          Arrays.stream(record.getRecordComponents())
              .map(c -> sample(c.getGenericType()))
              .toArray());
    }
    throw new IllegalArgumentException(
        "no sample value of " + type + ": teach TemplateReferenceTest.sample the new type");
  }

  private static Object construct(Class<?> record, Object[] arguments) {
    try {
      Constructor<?> constructor =
          record.getDeclaredConstructor(
              Arrays.stream(record.getRecordComponents())
                  .map(RecordComponent::getType)
                  .toArray(Class<?>[]::new));
      return constructor.newInstance(arguments);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The types the page may give a key of this Java type. */
  private static Set<String> documentedTypes(Type type) {
    if (type == String.class) {
      return Set.of("string", "duration");
    } else if (type == Integer.class) {
      return Set.of("integer");
    } else if (type == Double.class) {
      return Set.of("number");
    } else if (type == Boolean.class) {
      return Set.of("boolean");
    } else if (elementType(type) == String.class) {
      return Set.of("list of strings");
    } else if (elementType(type) instanceof Class<?> element && element.isRecord()) {
      return Set.of("list of objects");
    } else if (type instanceof Class<?> record && record.isRecord()) {
      return Set.of("object");
    }
    return Set.of();
  }

  // ---- templates

  /** The smallest valid template, as a tree: one step, {@code a}. */
  private static ObjectNode minimal() {
    ObjectNode template = YAML.createObjectNode();
    template.put("namespace", "orders");
    template.put("name", "reference");
    template.put("version", "1");
    template.putArray("steps").addObject().put("name", "a");
    return template;
  }

  /** The minimal template with a key set, {@code yaml} being the value as YAML text. */
  private static ObjectNode with(String key, String yaml) {
    ObjectNode template = minimal();
    List<String> path = path(key);
    ObjectNode parent = parent(template, path);
    parent.set(path.getLast(), YAML.readTree(yaml));
    return template;
  }

  private static void remove(ObjectNode template, String key) {
    List<String> path = path(key);
    parent(template, path).remove(path.getLast());
  }

  private static List<String> path(String key) {
    return Pattern.compile("\\.").splitAsStream(key).toList();
  }

  /** The object holding the key's last segment, created as needed; {@code steps[]} is step a. */
  private static ObjectNode parent(ObjectNode template, List<String> path) {
    ObjectNode node = template;
    for (String segment : path.subList(0, path.size() - 1)) {
      if (segment.endsWith("[]")) {
        ArrayNode list = (ArrayNode) node.get(segment.substring(0, segment.length() - 2));
        node = (ObjectNode) list.get(0);
      } else {
        node = node.get(segment) instanceof ObjectNode child ? child : node.putObject(segment);
      }
    }
    return node;
  }

  private static TemplatePlan parse(ObjectNode template) {
    return TemplateParser.fromYaml(YAML.writeValueAsString(template), "reference test");
  }

  /** The problems the parser finds in the template; none if it is valid. */
  private static List<String> problems(ObjectNode template) {
    try {
      parse(template);
      return List.of();
    } catch (InvalidTemplateException e) {
      return e.problems();
    }
  }

  private static void assertAccepted(Row row, String value) {
    assertThat(problems(with(row.key(), value))).as("%s: %s", row.key(), value).isEmpty();
  }

  private static void assertRejected(Row row, String value) {
    assertThat(problems(with(row.key(), value))).as("%s: %s", row.key(), value).isNotEmpty();
  }

  /** The value just below a bound: a millisecond, one, or the next smaller double. */
  private static String below(Row row, String bound) {
    return switch (row.type()) {
      case "duration" -> durationText(Durations.parse(bound).minusMillis(1));
      case "integer" -> Long.toString(Long.parseLong(bound) - 1);
      case "number" -> Double.toString(Math.nextDown(Double.parseDouble(bound)));
      default -> throw new AssertionError(row.key() + ": a bound on a " + row.type());
    };
  }

  /** The value just above a bound. */
  private static String above(Row row, String bound) {
    return switch (row.type()) {
      case "duration" -> durationText(Durations.parse(bound).plusMillis(1));
      case "integer" -> Long.toString(Long.parseLong(bound) + 1);
      case "number" -> Double.toString(Math.nextUp(Double.parseDouble(bound)));
      default -> throw new AssertionError(row.key() + ": a bound on a " + row.type());
    };
  }

  private static String durationText(Duration duration) {
    return duration.isNegative() ? duration.toString() : duration.toMillis() + "ms";
  }

  /** A valid value of the type, unlike any default, to see where a key's value ends up. */
  private static @Nullable String sampleText(String type) {
    return switch (type) {
      case "integer" -> "7";
      case "number" -> "1";
      case "boolean" -> "false";
      case "duration" -> "7s";
      default -> null;
    };
  }

  private static Map<String, Function<TemplatePlan, @Nullable Object>> values() {
    Map<String, Function<TemplatePlan, @Nullable Object>> values = new LinkedHashMap<>();
    values.put("description", plan -> plan.template().description());
    values.put("identity", plan -> plan.template().identity());
    values.put("steps[].kind", plan -> step(plan).kind());
    values.put("steps[].depends_on", plan -> step(plan).dependsOn());
    values.put("steps[].branches", plan -> step(plan).branches());
    values.put("steps[].batch_worker", plan -> step(plan).batchWorker());
    values.put("steps[].retry.max_attempts", plan -> step(plan).retry().maxAttempts());
    values.put("steps[].retry.retryable", plan -> step(plan).retry().retryable());
    values.put("steps[].retry.backoff.base", plan -> step(plan).retry().backoffBase());
    values.put("steps[].retry.backoff.multiplier", plan -> step(plan).retry().backoffMultiplier());
    values.put("steps[].retry.backoff.max", plan -> step(plan).retry().backoffMax());
    values.put("steps[].retry.backoff.jitter", plan -> step(plan).retry().jitter());
    values.put("steps[].timeout", plan -> step(plan).timeout());
    values.put("steps[].schedule_to_start", plan -> step(plan).scheduleToStart());
    return values;
  }

  private static TemplateStep step(TemplatePlan plan) {
    return plan.template().steps().get(0);
  }

  private static @Nullable Function<TemplatePlan, @Nullable Object> valueOf(String key) {
    return VALUES.get(key.startsWith("defaults.") ? "steps[]." + key.substring(9) : key);
  }

  /** Whether a value the parser produced is the one the page writes as {@code text}. */
  private static void assertSameValue(String key, String text, @Nullable Object actual) {
    switch (actual) {
      case null -> throw new AssertionError(key + " is null, not " + text);
      case Duration duration -> assertThat(duration).as(key).isEqualTo(Durations.parse(text));
      case Number number ->
          assertThat(new BigDecimal(number.toString()))
              .as(key)
              .isEqualByComparingTo(new BigDecimal(text));
      case StepKind kind -> assertThat(kind.wireName()).as(key).isEqualTo(text);
      case IdentityStrategy identity -> assertThat(identity.wireName()).as(key).isEqualTo(text);
      case List<?> list -> assertThat(list).as(key).isEqualTo(YAML.readValue(text, List.class));
      default -> assertThat(actual.toString()).as(key).isEqualTo(text);
    }
  }

  private static String number(int value) {
    return String.format(Locale.ROOT, "%,d", value);
  }
}
