package dev.tributary.core.template;

import dev.tributary.contracts.Limits;
import dev.tributary.core.template.TemplateDocument.Backoff;
import dev.tributary.core.template.TemplateDocument.Defaults;
import dev.tributary.core.template.TemplateDocument.RetryDocument;
import dev.tributary.core.template.TemplateDocument.StepDocument;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.cfg.JsonNodeFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Reads templates from YAML or JSON, fills in defaults and reports every problem at once, each
 * naming the template and the step. Also writes the canonical JSON stored with a registered
 * template: every default spelled out, so that the stored form does not depend on this code's
 * defaults.
 */
public final class TemplateParser {

  public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(5);

  private static final YAMLMapper YAML =
      YAMLMapper.builder()
          .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .build();
  private static final JsonMapper JSON =
      JsonMapper.builder()
          .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(JsonNodeFeature.WRITE_PROPERTIES_SORTED)
          .build();

  private TemplateParser() {}

  /**
   * The mappers templates are read with, YAML's and JSON's. {@code TemplateReferenceTest} derives
   * from them the keys a template may have, to check docs/reference/templates.md against them.
   */
  static List<ObjectMapper> readers() {
    return List.of(YAML, JSON);
  }

  /**
   * A template from YAML text, validated and compiled.
   *
   * @param source where the text came from, for messages
   * @throws InvalidTemplateException listing every problem
   */
  public static TemplatePlan fromYaml(String yaml, String source) {
    requireWithinSizeLimit(yaml, source);
    return TemplatePlan.of(convert(read(YAML, yaml, source)));
  }

  /** A template from JSON text, such as the stored form, validated and compiled. */
  public static TemplatePlan fromJson(String json, String source) {
    return TemplatePlan.of(convert(read(JSON, json, source)));
  }

  /** The canonical JSON of a template: sorted keys, every default explicit. */
  public static String toJson(WorkflowTemplate template) {
    List<StepDocument> steps =
        template.steps().stream()
            .map(
                s ->
                    new StepDocument(
                        s.name(),
                        s.handler(),
                        s.kind().wireName(),
                        s.dependsOn(),
                        s.branches(),
                        s.batchWorker(),
                        new RetryDocument(
                            s.retry().maxAttempts(),
                            s.retry().retryable(),
                            new Backoff(
                                s.retry().backoffBase().toString(),
                                s.retry().backoffMultiplier(),
                                s.retry().backoffMax().toString(),
                                s.retry().jitter())),
                        s.timeout().toString(),
                        s.scheduleToStart() == null ? null : s.scheduleToStart().toString()))
            .toList();
    TemplateDocument document =
        new TemplateDocument(
            template.namespace(),
            template.name(),
            template.version(),
            template.description(),
            template.identity().wireName(),
            null,
            steps);
    // Through a tree so that WRITE_PROPERTIES_SORTED makes the text canonical.
    return JSON.writeValueAsString(JSON.valueToTree(document));
  }

  /**
   * Rejects a template text longer than {@link Limits#MAX_TEMPLATE_CODE_POINTS}, naming the limit.
   * SnakeYAML Engine, under the YAML reader, stops at the same number by default, but part way
   * through and with a message about its own settings; this says it first, in the contract's terms.
   * The stored canonical JSON ({@link #fromJson}) is not held to it: spelling out every default can
   * make it longer than the text it came from.
   */
  private static void requireWithinSizeLimit(String text, String source) {
    // length() counts UTF-16 units, never fewer than the code points: count those only when near.
    if (text.length() > Limits.MAX_TEMPLATE_CODE_POINTS) {
      int codePoints = text.codePointCount(0, text.length());
      if (codePoints > Limits.MAX_TEMPLATE_CODE_POINTS) {
        throw new InvalidTemplateException(
            List.of(
                "template from "
                    + source
                    + " has "
                    + codePoints
                    + " characters (Unicode code points), more than the limit of "
                    + Limits.MAX_TEMPLATE_CODE_POINTS));
      }
    }
  }

  private static TemplateDocument read(ObjectMapper mapper, String text, String source) {
    try {
      TemplateDocument document = mapper.readValue(text, TemplateDocument.class);
      if (document == null) {
        throw new InvalidTemplateException(List.of("template from " + source + " is empty"));
      }
      return document;
    } catch (JacksonException e) {
      throw new InvalidTemplateException(
          List.of("template from " + source + " cannot be read: " + e.getOriginalMessage()));
    }
  }

  private static WorkflowTemplate convert(TemplateDocument doc) {
    String reference =
        "template "
            + Objects.requireNonNullElse(doc.namespace(), "?")
            + "/"
            + Objects.requireNonNullElse(doc.name(), "?")
            + "@"
            + Objects.requireNonNullElse(doc.version(), "?");
    Problems problems = new Problems(reference);
    String namespace = problems.required(doc.namespace(), "namespace");
    String name = problems.required(doc.name(), "name");
    String version = problems.required(doc.version(), "version");
    IdentityStrategy identity =
        doc.identity() == null
            ? IdentityStrategy.STRICT
            // An unknown strategy is a problem, thrown below; STRICT only stands in until then.
            : Objects.requireNonNullElse(
                problems.convert(doc.identity(), IdentityStrategy::fromWireName, null),
                IdentityStrategy.STRICT);
    Defaults defaults = doc.defaults() == null ? new Defaults(null, null, null) : doc.defaults();
    RetryPolicy defaultRetry = retry(defaults.retry(), RetryPolicy.DEFAULT, problems, null);
    Duration defaultTimeout =
        defaults.timeout() == null
            ? DEFAULT_TIMEOUT
            // An invalid timeout is a problem, thrown below; the default only stands in until then.
            : Objects.requireNonNullElse(
                problems.convert(defaults.timeout(), Durations::parse, null), DEFAULT_TIMEOUT);
    Duration defaultScheduleToStart =
        defaults.scheduleToStart() == null
            ? null
            : problems.convert(defaults.scheduleToStart(), Durations::parse, null);
    List<TemplateStep> steps = new ArrayList<>();
    if (doc.steps() == null || doc.steps().isEmpty()) {
      problems.add(null, "has no steps");
    } else {
      for (StepDocument step : doc.steps()) {
        steps.add(step(step, defaultRetry, defaultTimeout, defaultScheduleToStart, problems));
      }
    }
    problems.throwIfAny();
    WorkflowTemplate template =
        new WorkflowTemplate(namespace, name, version, doc.description(), identity, steps);
    TemplateValidator.validate(template);
    return template;
  }

  private static TemplateStep step(
      StepDocument doc,
      RetryPolicy defaultRetry,
      Duration defaultTimeout,
      @Nullable Duration defaultScheduleToStart,
      Problems problems) {
    String name = problems.required(doc.name(), "step name");
    StepKind kind =
        doc.kind() == null
            ? StepKind.STANDARD
            : problems.convert(doc.kind(), StepKind::fromWireName, name);
    return new TemplateStep(
        name,
        doc.handler() == null ? name : doc.handler(),
        kind == null ? StepKind.STANDARD : kind,
        doc.dependsOn() == null ? List.of() : doc.dependsOn(),
        doc.branches() == null ? List.of() : doc.branches(),
        doc.batchWorker(),
        retry(doc.retry(), defaultRetry, problems, name),
        doc.timeout() == null
            ? defaultTimeout
            : Objects.requireNonNullElse(
                problems.convert(doc.timeout(), Durations::parse, name), defaultTimeout),
        doc.scheduleToStart() == null
            ? defaultScheduleToStart
            : problems.convert(doc.scheduleToStart(), Durations::parse, name));
  }

  private static RetryPolicy retry(
      @Nullable RetryDocument doc, RetryPolicy defaults, Problems problems, @Nullable String step) {
    if (doc == null) {
      return defaults;
    }
    Backoff backoff = doc.backoff() == null ? new Backoff(null, null, null, null) : doc.backoff();
    return new RetryPolicy(
        Objects.requireNonNullElse(doc.maxAttempts(), defaults.maxAttempts()),
        Objects.requireNonNullElse(doc.retryable(), defaults.retryable()),
        backoff.base() == null
            ? defaults.backoffBase()
            : Objects.requireNonNullElse(
                problems.convert(backoff.base(), Durations::parse, step), defaults.backoffBase()),
        Objects.requireNonNullElse(backoff.multiplier(), defaults.backoffMultiplier()),
        backoff.max() == null
            ? defaults.backoffMax()
            : Objects.requireNonNullElse(
                problems.convert(backoff.max(), Durations::parse, step), defaults.backoffMax()),
        Objects.requireNonNullElse(backoff.jitter(), defaults.jitter()));
  }

  /** Problems of one template, each prefixed with the template and step it is about. */
  static final class Problems {
    private final String reference;
    private final List<String> messages = new ArrayList<>();

    Problems(String reference) {
      this.reference = reference;
    }

    void add(@Nullable String step, String problem) {
      messages.add(reference + (step == null ? "" : ", step '" + step + "'") + ": " + problem);
    }

    String required(@Nullable String value, String field) {
      if (value == null || value.isBlank()) {
        add(null, field + " is required");
        return "?";
      }
      return value;
    }

    <T> @Nullable T convert(String text, Function<String, T> parser, @Nullable String step) {
      try {
        return parser.apply(text);
      } catch (IllegalArgumentException e) {
        add(step, String.valueOf(e.getMessage()));
        return null;
      }
    }

    void throwIfAny() {
      if (!messages.isEmpty()) {
        throw new InvalidTemplateException(messages);
      }
    }
  }
}
