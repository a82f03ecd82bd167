package dev.tributary.demo;

/** What {@code --serve} prints: where everything is, and commands to try. */
final class ServeBanner {

  private ServeBanner() {}

  static String text(int apiPort, String bootstrapServers, String jdbcUrl) {
    String api = "http://localhost:" + apiPort;
    String user = Services.API_USER + ":" + Services.API_PASSWORD;
    return """
        Tributary is running; stop it with Ctrl-C.

          Console     %1$s/console/  (log in as %2$s, password %3$s)
          REST API    %1$s/api/v1  (HTTP Basic, operator role; described at %1$s/v3/api-docs)
          Kafka       %4$s  (topics task-requests, step-results, steps.demo, steps.shell, ...)
          PostgreSQL  %5$s  (user %6$s, no password)

        Submit an order whose stock is on backorder, then watch its DAG at
        %1$s/console/tasks/<task_id> and retry reserve_stock from there:
          curl -s -u %7$s -H 'Content-Type: application/json' %1$s/api/v1/tasks \\
            -d '{"schema_version":1,"namespace":"demo","name":"fulfil_order","context":{"order_id":"ORD-1","items":25,"express":true,"flaky_payment":true,"backorder":true,"step_ms":500}}'
          curl -s -u %7$s %1$s/api/v1/tasks/<task_id>/graph
          curl -s -u %7$s %1$s/api/v1/tasks/<task_id>/readiness

        Start the worker written in shell (kcat and jq) in another terminal, then submit a task
        of the namespace it serves, shell:
          BOOTSTRAP=%4$s examples/shell-worker/worker.sh
          curl -s -u %7$s -H 'Content-Type: application/json' %1$s/api/v1/tasks \\
            -d '{"schema_version":1,"namespace":"shell","name":"hello","context":{"name":"Ada"}}'

        Tasks finishing from now on:
        """
        .formatted(
            api,
            Services.API_USER,
            Services.API_PASSWORD,
            bootstrapServers,
            jdbcUrl,
            EmbeddedDatabase.USER,
            user);
  }
}
