package dev.tributary.demo;

import dev.tributary.contracts.Topics;

/** What {@code --serve} prints: where everything is, and commands to try. */
final class ServeBanner {

  private ServeBanner() {}

  static String text(int apiPort, KafkaAccess kafka, PostgresAccess postgres) {
    String api = "http://localhost:" + apiPort;
    String user = Services.API_USER + ":" + Services.API_PASSWORD;
    Topics topics = kafka.topics();
    String topicNames =
        String.join(
            ", ",
            topics.taskRequests(),
            topics.stepResults(),
            topics.dispatch(FulfilmentWorker.NAMESPACE),
            topics.dispatch("shell"));
    String shellWorker =
        "BOOTSTRAP="
            + kafka.bootstrapServers()
            + (kafka.topicPrefix().isEmpty() ? "" : " TOPIC_PREFIX=" + kafka.topicPrefix());
    String login =
        "user "
            + postgres.user()
            + (postgres.password().isEmpty()
                ? ", no password"
                : ", password from " + DemoArguments.POSTGRES_PASSWORD_VARIABLE);
    return """
        Tributary is running; stop it with Ctrl-C.

          Console     %1$s/console/  (log in as %2$s, password %3$s)
          REST API    %1$s/api/v1  (HTTP Basic, operator role; described at %1$s/v3/api-docs)
          Kafka       %4$s  (topics %8$s, ...)
          PostgreSQL  %5$s  (%6$s)

        Submit an order whose stock is on backorder, then watch its DAG at
        %1$s/console/tasks/<task_id> and retry reserve_stock from there:
          curl -s -u %7$s -H 'Content-Type: application/json' %1$s/api/v1/tasks \\
            -d '{"schema_version":1,"namespace":"demo","name":"fulfil_order","context":{"order_id":"ORD-1","items":25,"express":true,"flaky_payment":true,"backorder":true,"step_ms":500}}'
          curl -s -u %7$s %1$s/api/v1/tasks/<task_id>/graph
          curl -s -u %7$s %1$s/api/v1/tasks/<task_id>/readiness

        Start the worker written in shell (kcat and jq) in another terminal, then submit a task
        of the namespace it serves, shell:
          %9$s examples/shell-worker/worker.sh
          curl -s -u %7$s -H 'Content-Type: application/json' %1$s/api/v1/tasks \\
            -d '{"schema_version":1,"namespace":"shell","name":"hello","context":{"name":"Ada"}}'

        Tasks finishing from now on:
        """
        .formatted(
            api,
            Services.API_USER,
            Services.API_PASSWORD,
            kafka.bootstrapServers(),
            postgres.shownUrl(),
            login,
            user,
            topicNames,
            shellWorker);
  }
}
