package dev.tributary.processor.template;

import dev.tributary.contracts.Topics;
import dev.tributary.contracts.UuidV7;
import dev.tributary.core.template.RetryPolicy;
import dev.tributary.core.template.TemplateParser;
import dev.tributary.core.template.TemplatePlan;
import dev.tributary.core.template.TemplatePlans;
import dev.tributary.core.template.TemplateStep;
import dev.tributary.core.template.WorkflowTemplate;
import dev.tributary.service.kafka.TopicProvisioner;
import dev.tributary.store.template.NewTemplate;
import dev.tributary.store.template.NewTemplate.NewNamedStep;
import dev.tributary.store.template.StoredTemplate;
import dev.tributary.store.template.TemplateStore;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Registered templates. Registration is idempotent (the same content again is a no-op; other
 * content under the same version is refused). Compiled plans are cached by template id: a
 * registered version never changes, so the cache never goes stale.
 */
@Component
public class TemplateCatalog implements TemplatePlans {

  private static final Logger log = LoggerFactory.getLogger(TemplateCatalog.class);

  private final TemplateStore store;
  private final TransactionTemplate transactions;
  private final TopicProvisioner topicProvisioner;
  private final Topics topics;
  private final Clock clock;
  private final ConcurrentMap<UUID, RegisteredTemplate> byId = new ConcurrentHashMap<>();

  TemplateCatalog(
      TemplateStore store,
      TransactionTemplate transactions,
      TopicProvisioner topicProvisioner,
      Topics topics,
      Clock clock) {
    this.store = store;
    this.transactions = transactions;
    this.topicProvisioner = topicProvisioner;
    this.topics = topics;
    this.clock = clock;
  }

  /**
   * Registers a compiled template and makes sure its namespace's dispatch topic exists.
   *
   * @throws dev.tributary.store.template.TemplateConflictException if this version exists with
   *     other content
   */
  public RegisteredTemplate register(TemplatePlan plan) {
    WorkflowTemplate template = plan.template();
    String json = TemplateParser.toJson(template);
    NewTemplate row =
        new NewTemplate(
            UuidV7.generate(),
            template.namespace(),
            template.name(),
            template.version(),
            json,
            sha256(json),
            template.identity().wireName(),
            template.steps().stream().map(TemplateCatalog::namedStep).toList());
    StoredTemplate stored = transactions.execute(status -> store.register(row, clock.instant()));
    topicProvisioner.ensure(topics.dispatch(template.namespace()));
    RegisteredTemplate registered = new RegisteredTemplate(stored.id(), plan);
    byId.putIfAbsent(stored.id(), registered);
    log.info("Template {} registered as {}", template.reference(), stored.id());
    return registered;
  }

  /** The template with this id, compiled; from the cache or, once, from the stored JSON. */
  public RegisteredTemplate byId(UUID id, @Nullable String storedJson) {
    return byId.computeIfAbsent(
        id,
        key -> {
          String json =
              storedJson != null
                  ? storedJson
                  : store
                      .find(key)
                      .orElseThrow(() -> new IllegalStateException("no template " + key))
                      .templateJson();
          return new RegisteredTemplate(key, TemplateParser.fromJson(json, "template " + key));
        });
  }

  @Override
  public TemplatePlan plan(UUID id, @Nullable String storedJson) {
    return byId(id, storedJson).plan();
  }

  /** A template by reference; the latest registered version when {@code version} is null. */
  public Optional<RegisteredTemplate> find(
      String namespace, String name, @Nullable String version) {
    return store
        .find(namespace, name, version)
        .map(stored -> byId(stored.id(), stored.templateJson()));
  }

  /** A template version as it was registered; the latest when {@code version} is null. */
  public Optional<StoredTemplate> stored(String namespace, String name, @Nullable String version) {
    return store.find(namespace, name, version);
  }

  /** Every registered template version. */
  public List<StoredTemplate> all() {
    return store.all();
  }

  private static NewNamedStep namedStep(TemplateStep step) {
    RetryPolicy retry = step.retry();
    return new NewNamedStep(
        UuidV7.generate(),
        step.name(),
        step.handler(),
        step.kind(),
        retry.maxAttempts(),
        retry.retryable(),
        Math.toIntExact(retry.backoffBase().toMillis()),
        retry.backoffMultiplier(),
        Math.toIntExact(retry.backoffMax().toMillis()),
        retry.jitter(),
        Math.toIntExact(step.timeout().toMillis()),
        step.scheduleToStart() == null ? null : Math.toIntExact(step.scheduleToStart().toMillis()));
  }

  private static String sha256(String text) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(sha.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is always available", e);
    }
  }

  /**
   * A template as registered.
   *
   * @param id its named task id
   * @param plan the compiled template
   */
  public record RegisteredTemplate(UUID id, TemplatePlan plan) {
    public WorkflowTemplate template() {
      return plan.template();
    }
  }
}
