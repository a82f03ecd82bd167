package dev.tributary.demo;

import static dev.tributary.store.schema.Tables.TASKS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.contracts.TaskState;
import dev.tributary.contracts.Topics;
import dev.tributary.testkit.TestDatabase;
import dev.tributary.testkit.TestInfrastructure;
import dev.tributary.testkit.TestTopics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo's jar run against an external PostgreSQL and Kafka, the test infrastructure's: it starts
 * nothing embedded, the processor migrates (here: checks) the database it is given, the services
 * create their topics under the prefix given, and the run's tasks are in that database.
 */
class ExternalServicesIT {

  @Test
  void runs_on_an_external_postgres_and_kafka_complete_their_tasks_there(@TempDir Path directory)
      throws Exception {
    TestDatabase database = TestInfrastructure.postgres().newDatabase();
    String bootstrap = TestInfrastructure.kafka().bootstrapServers();
    String prefix = TestTopics.uniquePrefix();
    // Settings the test broker takes as they are: they only show that the file reaches every
    // client without breaking one.
    Path config =
        Files.writeString(
            directory.resolve("client.properties"),
            "security.protocol=PLAINTEXT\nclient.dns.lookup=use_all_dns_ips\n");

    try (DemoProcess demo =
        DemoProcess.demo(
            Map.of(DemoArguments.POSTGRES_PASSWORD_VARIABLE, database.password()),
            "--postgres=" + database.jdbcUrl(),
            "--postgres-user=" + database.username(),
            "--kafka=" + bootstrap,
            "--kafka-config=" + config,
            "--topic-prefix=" + prefix,
            "--tasks=5")) {
      int exit = demo.awaitExit(Duration.ofMinutes(4));

      assertThat(exit).as(demo.output()).isZero();
      assertThat(demo.out())
          .as(demo.output())
          .startsWith(
              "Tributary demo: the processor, the scheduler and the sample workers in this"
                  + " process.",
              "  PostgreSQL  "
                  + database.jdbcUrl()
                  + "  (external; user "
                  + database.username()
                  + ")",
              "  Kafka       "
                  + bootstrap
                  + "  (external; client settings from "
                  + config
                  + ": client.dns.lookup, security.protocol; topic prefix "
                  + prefix
                  + ")")
          .contains(
              "Submitting 5 tasks of demo/fulfil_order to the " + prefix + "task-requests topic",
              "All 5 tasks completed.")
          .noneMatch(line -> line.contains("embedded"));
      if (!database.password().isEmpty()) {
        assertThat(demo.output()).doesNotContain(database.password());
      }
    }

    assertThat(states(database)).hasSize(5).containsOnly(TaskState.COMPLETE);
    Topics topics = new Topics(prefix);
    try (Admin admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
      Set<String> names = admin.listTopics().names().get();
      assertThat(names)
          .contains(
              topics.taskRequests(),
              topics.stepResults(),
              topics.schedulingSignals(),
              topics.dispatch(FulfilmentWorker.NAMESPACE));
    }
  }

  private static List<TaskState> states(TestDatabase database) {
    return database.dsl().select(TASKS.STATE).from(TASKS).fetch(TASKS.STATE);
  }
}
