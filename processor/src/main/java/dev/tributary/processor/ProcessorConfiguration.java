package dev.tributary.processor;

import dev.tributary.contracts.Topics;
import dev.tributary.service.kafka.KafkaTopicsProperties;
import dev.tributary.store.deadletter.DeadLetterReplays;
import dev.tributary.store.expansion.StepCreations;
import dev.tributary.store.finalization.TaskFinalization;
import dev.tributary.store.operator.OperatorActions;
import dev.tributary.store.outbox.TaskEventOutbox;
import dev.tributary.store.result.ResultContexts;
import dev.tributary.store.result.StepTransitions;
import dev.tributary.store.task.DependencyResults;
import dev.tributary.store.task.StepReads;
import dev.tributary.store.task.TaskGraphs;
import dev.tributary.store.task.TaskInserts;
import dev.tributary.store.task.TaskReads;
import dev.tributary.store.task.TaskSearch;
import dev.tributary.store.template.TemplateStore;
import org.apache.kafka.clients.admin.NewTopic;
import org.jooq.DSLContext;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaAdmin;

/** The store's queries as beans, and the topics the processor creates. */
@Configuration(proxyBeanMethods = false)
class ProcessorConfiguration {

  @Bean
  TemplateStore templateStore(DSLContext dsl) {
    return new TemplateStore(dsl);
  }

  @Bean
  TaskInserts taskInserts(DSLContext dsl) {
    return new TaskInserts(dsl);
  }

  @Bean
  TaskReads taskReads(DSLContext dsl) {
    return new TaskReads(dsl);
  }

  @Bean
  TaskSearch taskSearch(DSLContext dsl) {
    return new TaskSearch(dsl);
  }

  @Bean
  StepReads stepReads(DSLContext dsl) {
    return new StepReads(dsl);
  }

  @Bean
  TaskGraphs taskGraphs(DSLContext dsl) {
    return new TaskGraphs(dsl);
  }

  @Bean
  DeadLetterReplays deadLetterReplays(DSLContext dsl) {
    return new DeadLetterReplays(dsl);
  }

  @Bean
  DependencyResults dependencyResults(DSLContext dsl) {
    return new DependencyResults(dsl);
  }

  @Bean
  ResultContexts resultContexts(DSLContext dsl) {
    return new ResultContexts(dsl);
  }

  @Bean
  StepTransitions stepTransitions(DSLContext dsl) {
    return new StepTransitions(dsl);
  }

  @Bean
  StepCreations stepCreations(DSLContext dsl) {
    return new StepCreations(dsl);
  }

  @Bean
  TaskFinalization taskFinalization(DSLContext dsl) {
    return new TaskFinalization(dsl);
  }

  @Bean
  OperatorActions operatorActions(DSLContext dsl) {
    return new OperatorActions(dsl);
  }

  @Bean
  TaskEventOutbox taskEventOutbox(DSLContext dsl) {
    return new TaskEventOutbox(dsl);
  }

  /** Created by Spring's KafkaAdmin at startup, before the listeners subscribe. */
  @Bean
  @ConditionalOnBooleanProperty(name = "tributary.kafka.create-topics", matchIfMissing = true)
  KafkaAdmin.NewTopics tributaryTopics(Topics topics, KafkaTopicsProperties properties) {
    return new KafkaAdmin.NewTopics(
        java.util.stream.Stream.of(
                topics.taskRequests(),
                topics.stepResults(),
                topics.schedulingSignals(),
                topics.taskEvents(),
                topics.deadLetters())
            .map(
                name -> new NewTopic(name, properties.partitions(), properties.replicationFactor()))
            .toArray(NewTopic[]::new));
  }
}
