package dev.tributary.contracts.schema;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.contracts.Limits;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * docs/reference/limits.md states the limits of {@link Limits}, all of them and nothing else, with
 * their values, and the configuration properties the AsyncAPI document names for them. The page's
 * table has one row per limit, {@code | `name` | value | `Limits.NAME` | property or none |}, and a
 * section headed {@code ## `name`} for each.
 */
class LimitsReferenceTest {

  private static final Path PAGE = Path.of("..", "docs", "reference", "limits.md");

  private static final Pattern ROW =
      Pattern.compile(
          "^\\| `([a-z_]+)` \\| ([0-9,]+) \\| `([A-Za-z_.]+)` \\| ([^|]+) \\|$", Pattern.MULTILINE);
  private static final Pattern SECTION = Pattern.compile("^## `([^`]+)`$", Pattern.MULTILINE);
  private static final Pattern PROPERTY = Pattern.compile("tributary\\.[a-z0-9.-]*[a-z0-9]");

  /**
   * A bullet of the AsyncAPI description's Limits paragraph, up to the next bullet or paragraph.
   */
  private static final Pattern CONTRACT_BULLET =
      Pattern.compile(
          "^- `([a-z_]+)` \\(([0-9,]+)\\):(.*?)(?=^- |^\\s*$|\\z)",
          Pattern.MULTILINE | Pattern.DOTALL);

  private static final String TEXT = read(PAGE);

  private record Row(String name, int value, String constant, Set<String> properties) {}

  @Test
  void the_table_has_every_limit_with_its_value_and_nothing_else() {
    Map<String, Integer> documented = new LinkedHashMap<>();
    rows().forEach(row -> documented.put(row.name(), row.value()));

    assertThat(documented)
        .as("the limits in %s", PAGE)
        .isEqualTo(AsyncApiDocumentTest.limitConstants());
  }

  @Test
  void each_row_names_the_java_constant_of_its_limit() {
    assertThat(rows())
        .allSatisfy(
            row ->
                assertThat(row.constant())
                    .isEqualTo("Limits." + row.name().toUpperCase(Locale.ROOT)));
  }

  @Test
  void every_limit_has_a_section_and_every_section_is_a_limit() {
    List<String> sections = SECTION.matcher(TEXT).results().map(m -> m.group(1)).toList();

    assertThat(sections)
        .containsExactlyInAnyOrderElementsOf(AsyncApiDocumentTest.limitConstants().keySet());
  }

  @Test
  void the_configuration_properties_are_those_the_contract_names() {
    Map<String, Set<String>> documented = new TreeMap<>();
    rows().forEach(row -> documented.put(row.name(), row.properties()));
    Map<String, Set<String>> contract = new TreeMap<>();
    String description =
        YAMLMapper.shared()
            .readTree(ContractResources.bytes(ContractResources.ASYNCAPI))
            .at("/info/description")
            .asString();
    String limits = description.substring(description.indexOf("**Limits.**"));
    CONTRACT_BULLET
        .matcher(limits)
        .results()
        .forEach(m -> contract.put(m.group(1), properties(m.group(3))));

    assertThat(contract.keySet()).isEqualTo(AsyncApiDocumentTest.limitConstants().keySet());
    assertThat(documented).isEqualTo(contract);
  }

  @Test
  void each_section_names_the_properties_of_its_row_and_no_other() {
    for (Row row : rows()) {
      assertThat(properties(section(row.name())))
          .as("properties named in the section of %s", row.name())
          .isEqualTo(row.properties());
    }
  }

  private static List<Row> rows() {
    List<Row> rows =
        ROW.matcher(TEXT)
            .results()
            .map(
                m ->
                    new Row(
                        m.group(1),
                        Integer.parseInt(m.group(2).replace(",", "")),
                        m.group(3),
                        m.group(4).strip().equals("none") ? Set.of() : properties(m.group(4))))
            .toList();
    assertThat(rows).as("rows of the limits table in %s", PAGE).isNotEmpty();
    return rows;
  }

  /** The text of a limit's section: from its heading to the next heading. */
  private static String section(String name) {
    String heading = "## `" + name + "`\n";
    int start = TEXT.indexOf(heading);
    assertThat(start).as("section of %s", name).isNotNegative();
    int end = TEXT.indexOf("\n## ", start + heading.length());
    return TEXT.substring(start, end < 0 ? TEXT.length() : end);
  }

  private static Set<String> properties(String text) {
    Set<String> names = new TreeSet<>();
    Matcher m = PROPERTY.matcher(text);
    while (m.find()) {
      names.add(m.group());
    }
    return names;
  }

  private static String read(Path path) {
    try {
      return Files.readString(path, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
