package dev.tributary.processor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tributary.contracts.JsonCodec;
import dev.tributary.contracts.Outcome;
import dev.tributary.contracts.StepResult;
import dev.tributary.contracts.UuidV7;
import dev.tributary.testkit.KafkaProbe;
import dev.tributary.testkit.KafkaServer;
import dev.tributary.testkit.TestEnvironment;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Closing the processor (what SIGTERM does in a pod) while a poll is being applied lets that poll
 * finish and commits its offsets before the consumer leaves: nothing is redelivered to the replica
 * that takes the partition over, and nothing is cut off half-way. The poll is held in the middle by
 * a lock on the table it reads.
 */
class GracefulShutdownIT {

  private final TestEnvironment environment = TestEnvironment.create();

  @Test
  void closing_waits_for_the_poll_in_flight_then_commits_its_offsets() throws Exception {
    String group = "shutdown-" + UUID.randomUUID();
    ConfigurableApplicationContext processor = start(group);
    try (KafkaProbe kafka = new KafkaProbe(environment.bootstrapServers());
        Connection locker = environment.database().dataSource().getConnection();
        Connection observer = environment.database().dataSource().getConnection();
        KafkaProbe.TopicReader deadLetters = kafka.reader(environment.topics().deadLetters())) {
      locker.setAutoCommit(false);
      try (Statement lock = locker.createStatement()) {
        lock.execute("LOCK TABLE workflow_steps IN ACCESS EXCLUSIVE MODE");
      }
      // A result for a step that does not exist: read from workflow_steps, then dead-lettered.
      StepResult result =
          new StepResult(
              StepResult.SCHEMA_VERSION,
              UuidV7.generate(),
              UuidV7.generate(),
              UuidV7.generate(),
              1,
              new Outcome.Started(),
              null);
      kafka.send(
          environment.topics().stepResults(),
          result.taskId().toString(),
          JsonCodec.of(StepResult.class).encode(result));
      await("the poll waiting for the lock")
          .atMost(Duration.ofSeconds(30))
          .until(() -> waitingOnLocks(observer) > 0);

      CompletableFuture<Void> closing = CompletableFuture.runAsync(processor::close);
      await("close waiting for the poll in flight")
          .during(Duration.ofSeconds(2))
          .atMost(Duration.ofSeconds(5))
          .until(() -> !closing.isDone());
      locker.rollback();
      closing.get(60, TimeUnit.SECONDS);

      assertThat(deadLetters.awaitCount(1)).hasSize(1);
      assertThat(committedRecords(group)).as("the poll's offset was committed").isEqualTo(1);
    } finally {
      processor.close();
    }
  }

  private ConfigurableApplicationContext start(String group) {
    return new SpringApplicationBuilder(ProcessorApplication.class)
        .run(
            "--spring.datasource.url=" + environment.database().jdbcUrl(),
            "--spring.datasource.username=" + environment.database().username(),
            "--spring.datasource.password=" + environment.database().password(),
            "--spring.flyway.enabled=false",
            "--spring.kafka.bootstrap-servers=" + environment.bootstrapServers(),
            "--spring.kafka.consumer.group-id=" + group,
            "--tributary.kafka.topic-prefix=" + environment.topics().prefix(),
            "--tributary.kafka.partitions=" + KafkaServer.PARTITIONS,
            "--server.port=0");
  }

  private static int waitingOnLocks(Connection connection) throws Exception {
    try (Statement statement = connection.createStatement();
        ResultSet waiting =
            statement.executeQuery(
                "SELECT count(*) FROM pg_stat_activity"
                    + " WHERE datname = current_database() AND wait_event_type = 'Lock'")) {
      waiting.next();
      return waiting.getInt(1);
    }
  }

  /** The sum of the group's committed offsets on the step results: records it has done. */
  private long committedRecords(String group) throws Exception {
    try (Admin admin =
        Admin.create(
            Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, environment.bootstrapServers()))) {
      Map<TopicPartition, OffsetAndMetadata> offsets =
          admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
      return offsets.entrySet().stream()
          .filter(e -> e.getKey().topic().equals(environment.topics().stepResults()))
          .mapToLong(e -> e.getValue().offset())
          .sum();
    }
  }
}
