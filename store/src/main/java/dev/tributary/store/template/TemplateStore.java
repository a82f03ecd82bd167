package dev.tributary.store.template;

import static dev.tributary.store.schema.Tables.NAMED_STEPS;
import static dev.tributary.store.schema.Tables.NAMED_TASKS;
import static dev.tributary.store.schema.Tables.TASK_NAMESPACES;
import static org.jooq.impl.DSL.noCondition;
import static org.jooq.impl.DSL.val;

import dev.tributary.contracts.UuidV7;
import dev.tributary.store.schema.tables.records.NamedStepsRecord;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.jooq.Record7;
import org.jooq.SelectOnConditionStep;
import org.jspecify.annotations.Nullable;

/**
 * Registration and lookup of templates. Not on the hot path: the processor caches what it reads
 * here. Run {@link #register} inside a transaction.
 */
public final class TemplateStore {

  private final DSLContext dsl;

  public TemplateStore(DSLContext dsl) {
    this.dsl = dsl;
  }

  /**
   * Registers a template version, or does nothing if the same content is registered already.
   *
   * @return the stored version (with the existing id when it was registered before)
   * @throws TemplateConflictException if the version exists with different content
   */
  public StoredTemplate register(NewTemplate template, Instant now) {
    dsl.insertInto(TASK_NAMESPACES)
        .set(TASK_NAMESPACES.ID, UuidV7.generate())
        .set(TASK_NAMESPACES.NAME, template.namespace())
        .set(TASK_NAMESPACES.CREATED_AT, now)
        .onConflict(TASK_NAMESPACES.NAME)
        .doNothing()
        .execute();
    int inserted =
        dsl.insertInto(
                NAMED_TASKS,
                NAMED_TASKS.ID,
                NAMED_TASKS.NAMESPACE_ID,
                NAMED_TASKS.NAME,
                NAMED_TASKS.VERSION,
                NAMED_TASKS.TEMPLATE,
                NAMED_TASKS.TEMPLATE_DIGEST,
                NAMED_TASKS.IDENTITY_STRATEGY,
                NAMED_TASKS.CREATED_AT)
            .select(
                dsl.select(
                        val(template.id()),
                        TASK_NAMESPACES.ID,
                        val(template.name()),
                        val(template.version()),
                        val(JSONB.valueOf(template.templateJson())),
                        val(template.digest()),
                        val(template.identityStrategy()),
                        val(now))
                    .from(TASK_NAMESPACES)
                    .where(TASK_NAMESPACES.NAME.eq(template.namespace())))
            .onConflictDoNothing()
            .execute();
    if (inserted == 1) {
      insertSteps(template);
      return find(template.namespace(), template.name(), template.version()).orElseThrow();
    }
    StoredTemplate existing =
        find(template.namespace(), template.name(), template.version()).orElseThrow();
    if (!existing.digest().equals(template.digest())) {
      throw new TemplateConflictException(existing.reference());
    }
    return existing;
  }

  private void insertSteps(NewTemplate template) {
    List<NamedStepsRecord> rows =
        template.steps().stream()
            .map(
                step ->
                    new NamedStepsRecord()
                        .setId(step.id())
                        .setNamedTaskId(template.id())
                        .setName(step.name())
                        .setHandler(step.handler())
                        .setKind(step.kind())
                        .setMaxAttempts(step.maxAttempts())
                        .setRetryable(step.retryable())
                        .setBackoffBaseMs(step.backoffBaseMs())
                        .setBackoffMultiplier(step.backoffMultiplier())
                        .setBackoffMaxMs(step.backoffMaxMs())
                        .setBackoffJitter(step.backoffJitter())
                        .setTimeoutMs(step.timeoutMs())
                        .setScheduleToStartMs(step.scheduleToStartMs()))
            .toList();
    // One multi-row INSERT: 13 parameters a step keeps the largest template (see
    // Limits.MAX_STEPS_PER_TEMPLATE in contracts) under PostgreSQL's 32,767 parameters.
    dsl.insertInto(NAMED_STEPS).columns(NAMED_STEPS.fields()).valuesOfRecords(rows).execute();
  }

  /** A version by reference; the most recently registered version when {@code version} is null. */
  public Optional<StoredTemplate> find(String namespace, String name, @Nullable String version) {
    var query =
        selectTemplates()
            .where(TASK_NAMESPACES.NAME.eq(namespace))
            .and(NAMED_TASKS.NAME.eq(name))
            .and(version == null ? noCondition() : NAMED_TASKS.VERSION.eq(version))
            .orderBy(NAMED_TASKS.CREATED_AT.desc(), NAMED_TASKS.ID.desc())
            .limit(1);
    return query.fetchOptional(TemplateStore::toStored);
  }

  /** A version by id. */
  public Optional<StoredTemplate> find(UUID id) {
    return selectTemplates().where(NAMED_TASKS.ID.eq(id)).fetchOptional(TemplateStore::toStored);
  }

  /** Every registered version, oldest first. */
  public List<StoredTemplate> all() {
    return selectTemplates()
        .orderBy(NAMED_TASKS.CREATED_AT, NAMED_TASKS.ID)
        .fetch(TemplateStore::toStored);
  }

  private SelectOnConditionStep<Record7<UUID, String, String, String, JSONB, String, String>>
      selectTemplates() {
    return dsl.select(
            NAMED_TASKS.ID,
            TASK_NAMESPACES.NAME,
            NAMED_TASKS.NAME,
            NAMED_TASKS.VERSION,
            NAMED_TASKS.TEMPLATE,
            NAMED_TASKS.IDENTITY_STRATEGY,
            NAMED_TASKS.TEMPLATE_DIGEST)
        .from(NAMED_TASKS)
        .join(TASK_NAMESPACES)
        .on(TASK_NAMESPACES.ID.eq(NAMED_TASKS.NAMESPACE_ID));
  }

  private static StoredTemplate toStored(
      Record7<UUID, String, String, String, JSONB, String, String> row) {
    return new StoredTemplate(
        row.value1(),
        row.value2(),
        row.value3(),
        row.value4(),
        row.value5().data(),
        row.value6(),
        row.value7());
  }
}
