package dev.tributary.scheduler;

import dev.tributary.store.dispatch.ExpiredDispatches;
import dev.tributary.store.dispatch.ReadyBacklog;
import dev.tributary.store.dispatch.StepClaims;
import dev.tributary.store.maintenance.AuditPartitions;
import dev.tributary.store.maintenance.FinishedTaskRetention;
import org.jooq.DSLContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The store's queries the scheduler uses, as beans. */
@Configuration(proxyBeanMethods = false)
class SchedulerConfiguration {

  @Bean
  StepClaims stepClaims(DSLContext dsl) {
    return new StepClaims(dsl);
  }

  @Bean
  ExpiredDispatches expiredDispatches(DSLContext dsl) {
    return new ExpiredDispatches(dsl);
  }

  @Bean
  ReadyBacklog readyBacklog(DSLContext dsl) {
    return new ReadyBacklog(dsl);
  }

  @Bean
  AuditPartitions auditPartitions(DSLContext dsl) {
    return new AuditPartitions(dsl);
  }

  @Bean
  FinishedTaskRetention finishedTaskRetention(DSLContext dsl) {
    return new FinishedTaskRetention(dsl);
  }
}
