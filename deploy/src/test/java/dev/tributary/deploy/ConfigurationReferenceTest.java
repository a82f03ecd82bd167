package dev.tributary.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.processor.ProcessorApplication;
import dev.tributary.scheduler.SchedulerProperties;
import dev.tributary.service.security.ServiceSecurityProperties;
import dev.tributary.worker.WorkerOptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.RecordComponent;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLConnection;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.YamlPropertiesFactoryBean;
import org.springframework.core.io.ByteArrayResource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * docs/reference/configuration.md: its tables of {@code tributary.*} properties are generated from
 * the configuration metadata ({@code META-INF/spring-configuration-metadata.json}) that the
 * annotation processor writes for each module from its {@code @ConfigurationProperties} records,
 * the Javadoc being the descriptions; its Spring settings table gives the defaults of each
 * service's packaged application.yaml; and every property the reference pages mention exists.
 *
 * <p>The metadata is read from the modules on this test's classpath (their jars, or their
 * target/classes in a reactor build), the same files the services' executable jars carry. After a
 * change to a properties record, regenerate the page: {@code ./mvnw install -pl
 * service-support,processor,scheduler,worker -DskipTests}, then {@code TRIBUTARY_WRITE_REFERENCE=1
 * ./mvnw test -pl deploy -Dtest=ConfigurationReferenceTest}.
 */
class ConfigurationReferenceTest {

  private static final Path PAGE =
      DeployFiles.moduleDirectory().resolveSibling("docs").resolve("reference");

  private static final Path CONFIGURATION = PAGE.resolve("configuration.md");

  private static final String METADATA = "META-INF/spring-configuration-metadata.json";

  private static final String BEGIN = "<!-- generated: begin -->";
  private static final String END = "<!-- generated: end -->";

  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** An inline Javadoc tag, e.g. {@code {@code x}}; its content may hold balanced braces. */
  private static final Pattern INLINE_TAG_START = Pattern.compile("\\{@(\\w+)\\s*");

  /**
   * A property, group or prefix named in a page: spring.kafka.bootstrap-servers, tributary.kafka.
   */
  private static final Pattern MENTION =
      Pattern.compile("(?<![\\w.])(?:tributary|spring|server|management)(?:\\.[a-z0-9-]+)+");

  private static final Pattern SPRING_HEADER =
      Pattern.compile("\\|\\s*Property\\s*\\|\\s*Processor\\s*\\|\\s*Scheduler\\s*\\|.*");
  private static final Pattern CELL_SEPARATOR = Pattern.compile("\\|");
  private static final Pattern CODE = Pattern.compile("`([^`]*)`");

  /** The words a description uses to say what an unset property without a default means. */
  private static final Pattern UNSET =
      Pattern.compile("default|unset|falls back|none|empty|required", Pattern.CASE_INSENSITIVE);

  /** The modules whose {@code tributary.*} properties the page lists, in its order. */
  enum Module {
    SERVICES(
        "Both services",
        ServiceSecurityProperties.class,
        "The processor and the scheduler both bind these; they are declared in the module"
            + " `service-support`, which the two share."),
    PROCESSOR("Processor", ProcessorApplication.class, "The processor's own."),
    SCHEDULER("Scheduler", SchedulerProperties.class, "The scheduler's own."),
    WORKER(
        "Worker library",
        WorkerOptions.class,
        "The Java worker library's (module `worker`), for a Spring Boot application that runs"
            + " `@TributaryHandler` methods. A worker without Spring sets the same through"
            + " `WorkerOptions`.");

    private final String title;
    private final Class<?> marker;
    private final String introduction;

    Module(String title, Class<?> marker, String introduction) {
      this.title = title;
      this.marker = marker;
      this.introduction = introduction;
    }
  }

  /**
   * A property as the metadata describes it.
   *
   * @param name its canonical name, e.g. {@code tributary.kafka.partitions}
   * @param type its Java type, e.g. {@code java.lang.Integer}
   * @param description its Javadoc, as the annotation processor copied it
   * @param defaultValue its default, if the metadata knows one
   * @param sourceType the {@code @ConfigurationProperties} class that declares it
   */
  record Property(
      String name,
      String type,
      @Nullable String description,
      @Nullable JsonNode defaultValue,
      String sourceType) {}

  @Test
  void the_generated_tables_are_the_configuration_metadata() throws IOException {
    String page = Files.readString(CONFIGURATION, StandardCharsets.UTF_8);
    String generated = generated();
    int begin = page.indexOf(BEGIN);
    int end = page.indexOf(END);
    assertThat(begin)
        .as("%s has the markers %s and %s", CONFIGURATION, BEGIN, END)
        .isNotNegative()
        .isLessThan(end);
    String expected = page.substring(0, begin) + BEGIN + "\n" + generated + page.substring(end);
    if (System.getenv("TRIBUTARY_WRITE_REFERENCE") != null) {
      Files.writeString(CONFIGURATION, expected, StandardCharsets.UTF_8);
      page = expected;
    }

    assertThat(page)
        .as(
            "docs/reference/configuration.md differs from the configuration metadata. If the"
                + " change to the properties is meant, install the changed modules and regenerate"
                + " the page (this test's class comment says how): TRIBUTARY_WRITE_REFERENCE=1"
                + " ./mvnw test -pl deploy -Dtest=ConfigurationReferenceTest")
        .isEqualTo(expected);
  }

  @Test
  void every_tributary_property_has_a_description() {
    for (Module module : Module.values()) {
      assertThat(properties(module))
          .allSatisfy(
              property ->
                  assertThat(property.description())
                      .as(
                          "the description of %s: write its @param in the Javadoc of %s",
                          property.name(), property.sourceType())
                      .isNotBlank());
    }
  }

  @Test
  void every_tributary_property_without_a_default_says_what_unset_means() {
    for (Module module : Module.values()) {
      assertThat(properties(module))
          .filteredOn(property -> property.defaultValue() == null)
          .allSatisfy(
              property ->
                  assertThat(property.description())
                      .as(
                          "%s has no default in the metadata: give it one (@DefaultValue, or"
                              + " META-INF/additional-spring-configuration-metadata.json) or say"
                              + " in its Javadoc (%s) what leaving it unset means",
                          property.name(), property.sourceType())
                      .containsPattern(UNSET));
    }
  }

  @Test
  void the_spring_settings_defaults_are_those_of_the_packaged_application_yaml() {
    Map<String, List<String>> rows = springSettings();
    Map<String, Object> processor = applicationYaml(ProcessorApplication.class);
    Map<String, Object> scheduler = applicationYaml(SchedulerProperties.class);

    assertThat(rows).isNotEmpty();
    rows.forEach(
        (property, cells) -> {
          assertThat(cells.get(0))
              .as("processor default of %s", property)
              .isEqualTo(documentedDefault(processor.get(property)));
          assertThat(cells.get(1))
              .as("scheduler default of %s", property)
              .isEqualTo(documentedDefault(scheduler.get(property)));
        });
  }

  @Test
  void every_spring_setting_is_a_property_the_services_bind() {
    Set<String> known = allPropertyNames();

    assertThat(springSettings().keySet()).allSatisfy(name -> assertThat(known).contains(name));
  }

  @Test
  void every_property_the_reference_pages_mention_exists() throws IOException {
    Set<String> known = allPropertyNames();
    Set<String> maps = mapPropertyNames();
    String configuration = Files.readString(CONFIGURATION, StandardCharsets.UTF_8);
    Map<String, String> pages =
        Map.of(
            "configuration.md (hand-written part)",
            configuration.substring(0, Math.max(0, configuration.indexOf(BEGIN))),
            "templates.md",
            Files.readString(PAGE.resolve("templates.md"), StandardCharsets.UTF_8),
            "limits.md",
            Files.readString(PAGE.resolve("limits.md"), StandardCharsets.UTF_8));

    pages.forEach(
        (page, text) -> {
          Set<String> mentioned =
              MENTION.matcher(text).results().map(MatchResult::group).collect(Collectors.toSet());
          assertThat(mentioned)
              .as("properties in %s", page)
              .allSatisfy(
                  name ->
                      assertThat(
                              known.contains(name)
                                  || known.stream().anyMatch(k -> k.startsWith(name + "."))
                                  || maps.stream().anyMatch(m -> name.startsWith(m + ".")))
                          .as(
                              "%s, named in %s, is a property or a prefix of properties",
                              name, page)
                          .isTrue());
        });
  }

  // ---- generating the tables

  /** The generated part of the page, from the line after {@link #BEGIN} to {@link #END}. */
  private static String generated() {
    StringBuilder text = new StringBuilder();
    text.append(
        "<!-- Generated by ConfigurationReferenceTest from the configuration metadata: edit the"
            + " Javadoc of the @ConfigurationProperties records, not this part. -->\n");
    for (Module module : Module.values()) {
      text.append("\n## ").append(module.title).append("\n\n");
      text.append(module.introduction).append("\n\n");
      text.append("| Property | Type | Default | Description |\n");
      text.append("|---|---|---|---|\n");
      for (Property property : properties(module)) {
        text.append(row(property));
        text.append(elementRows(property));
      }
    }
    return text.append("\n").toString();
  }

  private static String row(Property property) {
    return "| `"
        + property.name()
        + "` | "
        + "`"
        + simpleType(property.type())
        + "`"
        + " | "
        + renderDefault(property.defaultValue())
        + " | "
        + sentence(renderJavadoc(property.description(), property))
        + " |\n";
  }

  /**
   * Rows for the fields of a list's elements, when they are records: {@code
   * tributary.security.users[n].name}. The metadata does not list them; their names and types come
   * from the record, and whether they are required from its validation annotations.
   */
  private static String elementRows(Property property) {
    Matcher list = Pattern.compile("java\\.util\\.List<(.+)>").matcher(property.type());
    if (!list.matches()) {
      return "";
    }
    Class<?> element = loadable(list.group(1));
    if (element == null || !element.isRecord()) {
      return "";
    }
    StringBuilder rows = new StringBuilder();
    for (RecordComponent component : element.getRecordComponents()) {
      String description =
          "The `"
              + kebab(component.getName())
              + "` of element n (from 0) of `"
              + property.name()
              + "`.";
      if (required(component)) {
        description += " Required.";
      }
      if (component.getType().isEnum()) {
        description +=
            " One of "
                + Arrays.stream(component.getType().getEnumConstants())
                    .map(c -> "`" + c.toString().toLowerCase(Locale.ROOT) + "`")
                    .collect(Collectors.joining(", "))
                + " (any letter case).";
      }
      rows.append("| `")
          .append(property.name())
          .append("[n].")
          .append(kebab(component.getName()))
          .append("` | `")
          .append(simpleType(component.getGenericType().getTypeName()))
          .append("` | none | ")
          .append(description)
          .append(" |\n");
    }
    return rows.toString();
  }

  /** Whether validation requires the component: {@code @NotNull} or {@code @NotBlank} on it. */
  private static boolean required(RecordComponent component) {
    // Such annotations land on the accessor and the type, not on the record component itself.
    return Stream.of(
            component.getAccessor().getAnnotations(), component.getAnnotatedType().getAnnotations())
        .flatMap(Arrays::stream)
        .map(a -> a.annotationType().getSimpleName())
        .anyMatch(name -> name.equals("NotNull") || name.equals("NotBlank"));
  }

  private static String kebab(String camel) {
    return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
  }

  /** {@code java.util.Map<java.lang.String,java.lang.String>} as {@code Map<String, String>}. */
  private static String simpleType(String type) {
    return type.replaceAll("(?:[a-z_][a-z0-9_]*\\.)+(?:[A-Za-z0-9_]+\\$)*([A-Za-z0-9_]+)", "$1")
        .replace(",", ", ");
  }

  private static String renderDefault(@Nullable JsonNode value) {
    if (value == null || value.isNull()) {
      return "none";
    } else if (value.isArray()) {
      List<String> elements = new ArrayList<>();
      value.values().forEach(element -> elements.add(renderDefault(element)));
      return String.join(", ", elements);
    } else if (value.isString() && value.asString().isEmpty()) {
      return "`\"\"` (empty)";
    }
    return "`" + (value.isString() ? value.asString() : value.toString()) + "`";
  }

  /**
   * A Javadoc text as Markdown: {@code {@code x}} and {@code {@literal x}} as code ({@code x} being
   * another component of the declaring record, as that property's name), {@code {@link A#b}} as the
   * code {@code A.b}, {@code {@value #C}} as the value of the constant C of the declaring class;
   * whitespace collapsed and pipes escaped, for a table cell.
   */
  private static String renderJavadoc(@Nullable String javadoc, Property property) {
    if (javadoc == null) {
      return "";
    }
    String sourceType = property.sourceType();
    StringBuilder out = new StringBuilder();
    int at = 0;
    Matcher tag = INLINE_TAG_START.matcher(javadoc);
    while (tag.find(at)) {
      out.append(javadoc, at, tag.start());
      int depth = 1;
      int i = tag.end();
      for (; i < javadoc.length() && depth > 0; i++) {
        char c = javadoc.charAt(i);
        depth += c == '{' ? 1 : c == '}' ? -1 : 0;
      }
      if (depth > 0) {
        throw new IllegalArgumentException("unbalanced braces in the Javadoc: " + javadoc);
      }
      String content = javadoc.substring(tag.end(), i - 1).strip();
      out.append(
          switch (tag.group(1)) {
            case "code", "literal" -> "`" + sibling(content, property) + "`";
            case "link", "linkplain" -> "`" + linkTarget(content) + "`";
            case "value" -> "`" + constant(content, sourceType) + "`";
            default ->
                throw new IllegalArgumentException(
                    "teach ConfigurationReferenceTest the Javadoc tag {@" + tag.group(1) + "}");
          });
      at = i;
    }
    out.append(javadoc.substring(at));
    return out.toString().replaceAll("\\s+", " ").strip().replace("|", "\\|");
  }

  /**
   * The name of the property that is the component {@code name} of the property's record, e.g.
   * {@code tributary.database.statement-timeout} for {@code statementTimeout}; else the name.
   */
  private static String sibling(String name, Property property) {
    Class<?> source = loadable(property.sourceType());
    if (source == null || !source.isRecord()) {
      return name;
    }
    boolean component =
        Arrays.stream(source.getRecordComponents()).anyMatch(c -> c.getName().equals(name));
    String prefix = property.name().substring(0, property.name().lastIndexOf('.') + 1);
    return component ? prefix + kebab(name) : name;
  }

  private static String linkTarget(String reference) {
    String target =
        reference.contains(" ") ? reference.substring(0, reference.indexOf(' ')) : reference;
    return target.startsWith("#") ? target.substring(1) : target.replace('#', '.');
  }

  /** The value of {@code #NAME}, a constant of the declaring class. */
  private static String constant(String reference, String sourceType) {
    if (!reference.startsWith("#")) {
      throw new IllegalArgumentException("only {@value #CONSTANT} is supported, not " + reference);
    }
    try {
      return String.valueOf(Class.forName(sourceType).getField(reference.substring(1)).get(null));
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot read " + sourceType + reference, e);
    }
  }

  /** A description as a sentence: a capital first letter and a full stop. */
  private static String sentence(String text) {
    if (text.isEmpty()) {
      return text;
    }
    String capital = text.substring(0, 1).toUpperCase(Locale.ROOT) + text.substring(1);
    return capital.endsWith(".") ? capital : capital + ".";
  }

  // ---- reading the metadata

  /** The module's {@code tributary.*} properties, by name. */
  private static List<Property> properties(Module module) {
    JsonNode metadata = read(metadataUrl(module.marker));
    List<Property> properties = new ArrayList<>();
    for (JsonNode property : metadata.path("properties")) {
      String name = property.path("name").asString();
      if (name.startsWith("tributary.")) {
        properties.add(
            new Property(
                name,
                property.path("type").asString("java.lang.Object"),
                property.hasNonNull("description") ? property.get("description").asString() : null,
                property.get("defaultValue"),
                property.path("sourceType").asString("")));
      }
    }
    properties.sort((a, b) -> a.name().compareTo(b.name()));
    return properties;
  }

  /** The metadata file in the jar or classes directory the marker class was loaded from. */
  private static URL metadataUrl(Class<?> marker) {
    return resourceBeside(marker, METADATA);
  }

  private static URL resourceBeside(Class<?> marker, String resource) {
    try {
      URI location = marker.getProtectionDomain().getCodeSource().getLocation().toURI();
      URI uri =
          location.getPath().endsWith("/")
              ? location.resolve(resource)
              : URI.create("jar:" + location + "!/" + resource);
      return uri.toURL();
    } catch (URISyntaxException | IOException e) {
      throw new IllegalStateException("cannot locate " + resource + " beside " + marker, e);
    }
  }

  private static JsonNode read(URL url) {
    return JSON.readTree(bytes(url));
  }

  private static byte[] bytes(URL url) {
    try {
      URLConnection connection = url.openConnection();
      // A jar's connection is cached by default, and would keep a rebuilt jar's old content.
      connection.setUseCaches(false);
      try (InputStream in = connection.getInputStream()) {
        return in.readAllBytes();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + url, e);
    }
  }

  /**
   * Every property and group of every metadata file on the classpath: the services' and their
   * libraries'.
   */
  private static Set<String> allPropertyNames() {
    Set<String> names = new TreeSet<>();
    for (JsonNode metadata : everyMetadata()) {
      metadata.path("properties").forEach(p -> names.add(p.path("name").asString()));
      metadata.path("groups").forEach(g -> names.add(g.path("name").asString()));
    }
    return names;
  }

  /** The properties that are maps: their keys are free ({@code spring.kafka.properties.*}). */
  private static Set<String> mapPropertyNames() {
    Set<String> names = new TreeSet<>();
    everyMetadata()
        .forEach(
            m ->
                m.path("properties")
                    .forEach(
                        p -> {
                          if (p.path("type").asString("").startsWith("java.util.Map<")) {
                            names.add(p.path("name").asString());
                          }
                        }));
    return names;
  }

  private static List<JsonNode> everyMetadata() {
    try {
      return Collections.list(
              ConfigurationReferenceTest.class.getClassLoader().getResources(METADATA))
          .stream()
          .map(ConfigurationReferenceTest::read)
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  // ---- the Spring settings table

  /** The rows of the Spring settings table: property, then the processor's and scheduler's cell. */
  private static Map<String, List<String>> springSettings() {
    String page;
    try {
      page = Files.readString(CONFIGURATION, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Map<String, List<String>> rows = new LinkedHashMap<>();
    List<String> lines = page.lines().toList();
    for (int i = 0; i < lines.size(); i++) {
      if (!SPRING_HEADER.matcher(lines.get(i)).matches()) {
        continue;
      }
      for (int j = i + 2; j < lines.size() && lines.get(j).startsWith("|"); j++) {
        List<String> cells =
            CELL_SEPARATOR.splitAsStream(lines.get(j)).map(String::strip).skip(1).toList();
        Matcher name = CODE.matcher(cells.get(0));
        assertThat(name.matches()).as("a `property` first: %s", lines.get(j)).isTrue();
        rows.put(name.group(1), cells.subList(1, 3));
      }
    }
    return rows;
  }

  /** A default as the Spring settings table writes it: {@code `value`}, or none. */
  private static String documentedDefault(@Nullable Object value) {
    return value == null ? "none" : "`" + value + "`";
  }

  /** A service's packaged application.yaml, flattened. */
  private static Map<String, Object> applicationYaml(Class<?> marker) {
    YamlPropertiesFactoryBean yaml = new YamlPropertiesFactoryBean();
    yaml.setResources(new ByteArrayResource(bytes(resourceBeside(marker, "application.yaml"))));
    Map<String, Object> flat = new TreeMap<>();
    yaml.getObject().forEach((key, value) -> flat.put((String) key, value));
    return flat;
  }

  private static @Nullable Class<?> loadable(String name) {
    try {
      return Class.forName(name, false, ConfigurationReferenceTest.class.getClassLoader());
    } catch (ClassNotFoundException e) {
      return null;
    }
  }
}
