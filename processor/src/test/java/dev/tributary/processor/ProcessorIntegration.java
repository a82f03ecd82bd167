package dev.tributary.processor;

import dev.tributary.testkit.KafkaProbe;
import dev.tributary.testkit.MutableClock;
import dev.tributary.testkit.TestEnvironment;
import java.time.Clock;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A processor on the shared PostgreSQL and Kafka broker, with a database and topic prefix of its
 * own. Subclasses share one application context (Spring caches it) and this environment, so they
 * isolate their data by unique ids.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(ProcessorIntegration.TestClock.class)
public abstract class ProcessorIntegration {

  protected static final TestEnvironment environment = TestEnvironment.create();
  protected static final KafkaProbe kafka = new KafkaProbe(environment.bootstrapServers());

  /** The processor's clock; tests move it instead of waiting. */
  protected static final MutableClock clock = MutableClock.startingNow();

  @TestConfiguration(proxyBeanMethods = false)
  static class TestClock {
    @Bean
    Clock clock() {
      return clock;
    }
  }

  /** An API user of each role. */
  protected static final String OPERATOR = "operator";

  protected static final String READER = "reader";
  protected static final String PASSWORD = "test-secret";

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    environment.register(registry);
    registry.add("tributary.security.users[0].name", () -> OPERATOR);
    registry.add("tributary.security.users[0].password", () -> "{noop}" + PASSWORD);
    registry.add("tributary.security.users[0].role", () -> "operator");
    registry.add("tributary.security.users[1].name", () -> READER);
    registry.add("tributary.security.users[1].password", () -> "{noop}" + PASSWORD);
    registry.add("tributary.security.users[1].role", () -> "reader");
  }
}
