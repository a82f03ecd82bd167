package dev.tributary.processor;

import dev.tributary.contracts.UuidV7;
import dev.tributary.core.expansion.ExpansionPlanner;
import dev.tributary.core.expansion.ExpansionRules;
import dev.tributary.core.result.Backoff;
import dev.tributary.core.result.ResultFolding;
import dev.tributary.processor.expansion.ExpansionProperties;
import dev.tributary.processor.result.ResultProperties;
import dev.tributary.processor.template.TemplateCatalog;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The workflow rules of the core, configured and wired to the processor's template catalog. */
@Configuration(proxyBeanMethods = false)
class RulesConfiguration {

  @Bean
  ExpansionRules expansionRules(TemplateCatalog templates, ExpansionProperties properties) {
    return new ExpansionRules(
        templates, properties.maxBatches(), "tributary.expansion.max-batches");
  }

  @Bean
  ExpansionPlanner expansionPlanner(TemplateCatalog templates) {
    return new ExpansionPlanner(templates, UuidV7::generate);
  }

  @Bean
  ResultFolding resultFolding(ExpansionRules rules, ResultProperties properties) {
    // ThreadLocalRandom's methods draw from the calling thread's generator, so one reference
    // serves every listener thread without contention.
    return new ResultFolding(
        new Backoff(properties.maxRetryAfter(), ThreadLocalRandom.current()), rules);
  }
}
