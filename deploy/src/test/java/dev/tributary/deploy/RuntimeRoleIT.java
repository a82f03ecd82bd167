package dev.tributary.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tributary.store.Migrations;
import dev.tributary.testkit.TestDatabase;
import dev.tributary.testkit.TestInfrastructure;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the services' database user can do once it is a member of the runtime role the migrations
 * grant: read and write rows, call the functions the services call, keep audit partitions ahead
 * (through the SECURITY DEFINER function), and nothing else: no DDL, no rewriting Flyway's history.
 */
class RuntimeRoleIT {

  private static final String PASSWORD = "runtime-role-it";

  private TestDatabase database;
  private String user;

  @BeforeEach
  void runtimeUser() throws SQLException {
    database = TestInfrastructure.postgres().newDatabase();
    user = "rt_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    try (Connection admin = TestInfrastructure.postgres().adminConnection();
        Statement statement = admin.createStatement()) {
      statement.execute(
          "CREATE ROLE "
              + user
              + " LOGIN PASSWORD '"
              + PASSWORD
              + "' IN ROLE "
              + Migrations.DEFAULT_RUNTIME_ROLE);
    }
  }

  private Connection connect() throws SQLException {
    return DriverManager.getConnection(database.jdbcUrl(), user, PASSWORD);
  }

  @Test
  void the_runtime_user_reads_and_writes_rows_and_calls_the_services_functions()
      throws SQLException {
    try (Connection connection = connect();
        Statement statement = connection.createStatement()) {
      statement.execute(
          "INSERT INTO task_namespaces (id, name, created_at) VALUES (uuid_v7(), 'rt', now())");
      statement.execute("UPDATE task_namespaces SET created_at = now() WHERE name = 'rt'");
      ResultSet read = statement.executeQuery("SELECT count(*) FROM task_namespaces");
      read.next();
      assertThat(read.getInt(1)).isEqualTo(1);
      statement.execute("SELECT count(*) FROM step_readiness");
      statement.execute("DELETE FROM task_namespaces WHERE name = 'rt'");
      statement.execute(
          "INSERT INTO task_event_outbox (task_id, payload, created_at)"
              + " VALUES (uuid_v7(), '{}', now())");
      ResultSet partitions = statement.executeQuery("SELECT ensure_audit_partitions(4)");
      partitions.next();
      assertThat(partitions.getInt(1)).as("partitions created as the owner").isPositive();
      statement.execute(
          "INSERT INTO step_transitions (task_id, step_id, to_state, attempt, cause, occurred_at)"
              + " VALUES (uuid_v7(), uuid_v7(), 'pending', 0, 'test', now() + interval '3 months')");
      ResultSet dropped =
          statement.executeQuery("SELECT drop_audit_partitions(now() - interval '10 years')");
      dropped.next();
      assertThat(dropped.getInt(1)).as("nothing that old to drop, but allowed").isZero();
      ResultSet history = statement.executeQuery("SELECT count(*) FROM flyway_schema_history");
      history.next();
      assertThat(history.getInt(1)).isPositive();
    }
  }

  @Test
  void the_runtime_user_cannot_change_the_schema_or_the_migration_history() throws SQLException {
    try (Connection connection = connect();
        Statement statement = connection.createStatement()) {
      assertThatThrownBy(() -> statement.execute("CREATE TABLE intruder (id int)"))
          .hasMessageContaining("permission denied");
      assertThatThrownBy(() -> statement.execute("DROP TABLE tasks"))
          .hasMessageContaining("must be owner");
      assertThatThrownBy(() -> statement.execute("ALTER TABLE tasks ADD COLUMN intruder int"))
          .hasMessageContaining("must be owner");
      assertThatThrownBy(() -> statement.execute("DELETE FROM flyway_schema_history"))
          .hasMessageContaining("permission denied");
    }
  }

  @Test
  void nobody_else_may_call_the_security_definer_functions() throws SQLException {
    String outsider = user + "_x";
    try (Connection admin = TestInfrastructure.postgres().adminConnection();
        Statement statement = admin.createStatement()) {
      statement.execute("CREATE ROLE " + outsider + " LOGIN PASSWORD '" + PASSWORD + "'");
    }
    try (Connection connection =
            DriverManager.getConnection(database.jdbcUrl(), outsider, PASSWORD);
        Statement statement = connection.createStatement()) {
      assertThatThrownBy(() -> statement.execute("SELECT ensure_audit_partitions(1)"))
          .hasMessageContaining("permission denied");
      assertThatThrownBy(() -> statement.execute("SELECT drop_audit_partitions(now())"))
          .hasMessageContaining("permission denied");
    }
  }
}
