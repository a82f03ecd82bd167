package dev.tributary.processor;

import dev.tributary.testkit.KafkaProbe;
import dev.tributary.testkit.TestEnvironment;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A processor on the shared PostgreSQL and Kafka broker, with a database and topic prefix of its
 * own. Subclasses share one application context (Spring caches it) and this environment, so they
 * isolate their data by unique ids.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class ProcessorIntegration {

  protected static final TestEnvironment environment = TestEnvironment.create();
  protected static final KafkaProbe kafka = new KafkaProbe(environment.bootstrapServers());

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    environment.register(registry);
  }
}
