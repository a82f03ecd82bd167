package dev.tributary.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DemoArgumentsTest {

  @Test
  void no_arguments_run_a_hundred_tasks_on_any_free_port_and_exit() throws UsageException {
    DemoArguments arguments = DemoArguments.parse();

    assertThat(arguments)
        .isEqualTo(new DemoArguments(100, 0, false, 0, false, false, null, null, "", false, null));
  }

  @Test
  void serving_listens_on_8080_unless_a_port_is_given() throws UsageException {
    assertThat(DemoArguments.parse("--serve").apiPort()).isEqualTo(8080);
    assertThat(DemoArguments.parse("--serve", "--port=9000").apiPort()).isEqualTo(9000);
    assertThat(DemoArguments.parse("--serve", "--port", "0").apiPort()).isZero();
  }

  @Test
  void values_follow_an_equals_sign_or_come_as_the_next_argument() throws UsageException {
    assertThat(DemoArguments.parse("--tasks=7").tasks()).isEqualTo(7);
    assertThat(DemoArguments.parse("--tasks", "7", "--verbose").tasks()).isEqualTo(7);
    assertThat(DemoArguments.parse("--tasks=0").tasks()).isZero();
    assertThat(DemoArguments.parse("--verbose").verbose()).isTrue();
    assertThat(DemoArguments.parse("-h").help()).isTrue();
    assertThat(DemoArguments.parse("--tasks=7", "--invalid-orders=2").invalidOrders()).isEqualTo(2);
  }

  @Test
  void more_invalid_orders_than_tasks_is_refused() {
    assertThatThrownBy(() -> DemoArguments.parse("--tasks=3", "--invalid-orders=4"))
        .hasMessage("--invalid-orders=4 is more than the 3 tasks submitted");
  }

  @Test
  void a_task_count_that_is_not_a_number_is_refused_with_what_was_given() {
    assertThatThrownBy(() -> DemoArguments.parse("--tasks=lots"))
        .isInstanceOf(UsageException.class)
        .hasMessage("--tasks must be a whole number, was 'lots'");
  }

  @Test
  void a_task_count_out_of_range_is_refused_with_the_range() {
    assertThatThrownBy(() -> DemoArguments.parse("--tasks=-1"))
        .hasMessage("--tasks must be between 0 and 1000000, was -1");
    assertThatThrownBy(() -> DemoArguments.parse("--port=70000"))
        .hasMessage("--port must be between 0 and 65535, was 70000");
  }

  @Test
  void an_option_without_its_value_says_how_to_give_one() {
    assertThatThrownBy(() -> DemoArguments.parse("--tasks"))
        .hasMessage("--tasks needs a value, e.g. --tasks=10");
    assertThatThrownBy(() -> DemoArguments.parse("--tasks", "--serve"))
        .hasMessage("--tasks needs a value, e.g. --tasks=10");
  }

  @Test
  void unknown_options_stray_arguments_repeats_and_values_on_flags_are_refused() {
    assertThatThrownBy(() -> DemoArguments.parse("--task=5")).hasMessage("unknown option --task");
    assertThatThrownBy(() -> DemoArguments.parse("100"))
        .hasMessage("unexpected argument '100' (options start with --)");
    assertThatThrownBy(() -> DemoArguments.parse("--tasks=1", "--tasks=2"))
        .hasMessage("--tasks is given twice");
    assertThatThrownBy(() -> DemoArguments.parse("--serve=yes"))
        .hasMessage("--serve takes no value");
  }

  @Test
  void the_usage_names_every_option() {
    assertThat(DemoArguments.USAGE)
        .contains(
            "--tasks=N",
            "--invalid-orders=N",
            "--serve",
            "--port=N",
            "--verbose",
            "--help",
            "default 100");
  }

  // An external PostgreSQL.

  private static final String URL = "jdbc:postgresql://db.example:5432/tributary_demo";

  @Test
  void an_external_postgres_is_named_by_url_and_user_with_the_password_from_the_environment()
      throws UsageException {
    DemoArguments arguments =
        DemoArguments.parse(
            Map.of("TRIBUTARY_DEMO_POSTGRES_PASSWORD", "s3cret"),
            "--postgres=" + URL,
            "--postgres-user",
            "demo_user");

    assertThat(arguments.postgres()).isEqualTo(new PostgresAccess(URL, "demo_user", "s3cret"));
    assertThat(arguments.kafka()).isNull();
  }

  @Test
  void the_postgres_url_and_user_may_come_from_the_environment() throws UsageException {
    DemoArguments arguments =
        DemoArguments.parse(
            Map.of("TRIBUTARY_DEMO_POSTGRES_URL", URL, "TRIBUTARY_DEMO_POSTGRES_USER", "env_user"));

    assertThat(arguments.postgres()).isEqualTo(new PostgresAccess(URL, "env_user", ""));
  }

  @Test
  void a_flag_wins_over_its_environment_variable() throws UsageException {
    Map<String, String> environment =
        Map.of(
            "TRIBUTARY_DEMO_POSTGRES_URL", "jdbc:postgresql://env.example/other",
            "TRIBUTARY_DEMO_POSTGRES_USER", "env_user",
            "TRIBUTARY_DEMO_KAFKA", "env.example:9092");

    DemoArguments arguments =
        DemoArguments.parse(
            environment, "--postgres=" + URL, "--postgres-user=flag_user", "--kafka=flag:9092");

    assertThat(arguments.postgres()).isEqualTo(new PostgresAccess(URL, "flag_user", ""));
    assertThat(arguments.kafka()).isNotNull();
    assertThat(arguments.kafka().bootstrapServers()).isEqualTo("flag:9092");
  }

  @Test
  void the_postgres_user_is_the_login_name_when_not_given() throws UsageException {
    assertThat(DemoArguments.parse("--postgres=" + URL).postgres())
        .isEqualTo(new PostgresAccess(URL, System.getProperty("user.name"), ""));
  }

  @Test
  void blank_environment_variables_count_as_unset() throws UsageException {
    DemoArguments arguments =
        DemoArguments.parse(Map.of("TRIBUTARY_DEMO_POSTGRES_URL", " ", "TRIBUTARY_DEMO_KAFKA", ""));

    assertThat(arguments.postgres()).isNull();
    assertThat(arguments.kafka()).isNull();
  }

  @Test
  void the_password_is_never_taken_from_the_command_line() {
    assertThatThrownBy(() -> DemoArguments.parse("--postgres=" + URL, "--postgres-password=x"))
        .isInstanceOf(UsageException.class)
        .hasMessage(
            "the PostgreSQL password is read from TRIBUTARY_DEMO_POSTGRES_PASSWORD only: a command"
                + " line is visible to every user of the machine (ps)");
    assertThatThrownBy(() -> DemoArguments.parse("--postgres=" + URL + "?password=x"))
        .hasMessage(
            "--postgres: give the password in TRIBUTARY_DEMO_POSTGRES_PASSWORD, not in the URL: a"
                + " command line is visible to every user of the machine (ps)");
  }

  @Test
  void a_postgres_user_without_a_url_is_refused() {
    assertThatThrownBy(() -> DemoArguments.parse("--postgres-user=demo"))
        .isInstanceOf(UsageException.class)
        .hasMessage(
            "--postgres-user needs --postgres=<JDBC URL> (or TRIBUTARY_DEMO_POSTGRES_URL): without"
                + " one the demo runs its embedded PostgreSQL");
    assertThatThrownBy(
            () -> DemoArguments.parse(Map.of("TRIBUTARY_DEMO_POSTGRES_USER", "demo"), "--tasks=1"))
        .hasMessage(
            "TRIBUTARY_DEMO_POSTGRES_USER is set, but no PostgreSQL URL is given (--postgres or"
                + " TRIBUTARY_DEMO_POSTGRES_URL): without one the demo runs its embedded"
                + " PostgreSQL");
  }

  @Test
  void a_url_that_is_not_a_postgresql_jdbc_url_is_refused_with_any_password_hidden() {
    assertThatThrownBy(() -> DemoArguments.parse("--postgres=postgres://db.example/tributary"))
        .isInstanceOf(UsageException.class)
        .hasMessage(
            "--postgres must be a JDBC URL starting with jdbc:postgresql:, e.g."
                + " jdbc:postgresql://localhost:5432/tributary_demo; was"
                + " 'postgres://db.example/tributary'");
    assertThatThrownBy(
            () ->
                DemoArguments.parse(
                    Map.of("TRIBUTARY_DEMO_POSTGRES_URL", "jdbc:mysql://db/x?password=hunter2")))
        .hasMessage(
            "TRIBUTARY_DEMO_POSTGRES_URL must be a JDBC URL starting with jdbc:postgresql:, e.g."
                + " jdbc:postgresql://localhost:5432/tributary_demo; was"
                + " 'jdbc:mysql://db/x?password=***'");
  }

  @Test
  void a_password_in_the_urls_parameters_is_never_shown() {
    PostgresAccess access =
        new PostgresAccess(
            "jdbc:postgresql://db/x?ssl=true&Password=one&sslpassword=two", "u", "three");

    assertThat(access.shownUrl())
        .isEqualTo("jdbc:postgresql://db/x?ssl=true&Password=***&sslpassword=***");
    assertThat(access.toString()).doesNotContain("one", "two", "three").contains("password=***");
    assertThat(new PostgresAccess(URL, "u", "").toString()).contains("password=none");
  }

  // An external Kafka.

  @Test
  void an_external_kafka_is_named_by_its_bootstrap_servers_or_the_environment()
      throws UsageException {
    ExternalKafka kafka = DemoArguments.parse("--kafka=k1:9092,k2.example:9093").kafka();
    ExternalKafka fromEnvironment =
        DemoArguments.parse(Map.of("TRIBUTARY_DEMO_KAFKA", "env:9092")).kafka();

    assertThat(kafka).isEqualTo(new ExternalKafka("k1:9092,k2.example:9093", Map.of(), null, 0));
    assertThat(fromEnvironment).isEqualTo(new ExternalKafka("env:9092", Map.of(), null, 0));
    assertThat(DemoArguments.parse("--tasks=1").kafka()).isNull();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "localhost", "localhost:", "a:1,", "a:1, b:2", ":9092x"})
  void bootstrap_servers_that_are_not_host_and_port_are_refused(String servers) {
    assertThatThrownBy(() -> DemoArguments.parse("--kafka=" + servers))
        .isInstanceOf(UsageException.class)
        .hasMessage(
            "--kafka must be host:port, or several separated by commas, e.g."
                + " kafka-1:9092,kafka-2:9092; was '"
                + servers.strip()
                + "'");
  }

  @Test
  void kafka_client_settings_are_read_from_the_config_file(@TempDir Path directory)
      throws IOException, UsageException {
    Path file = directory.resolve("client.properties");
    Files.writeString(
        file,
        """
        # as for Kafka's tools
        security.protocol=SASL_SSL
        sasl.mechanism = SCRAM-SHA-512
        sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required \\
            username="demo" password="secret";
        """);

    ExternalKafka kafka =
        DemoArguments.parse("--kafka=k:9092", "--kafka-config", file.toString()).kafka();

    assertThat(kafka).isNotNull();
    assertThat(kafka.configFile()).isEqualTo(file);
    assertThat(kafka.clientProperties())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "security.protocol", "SASL_SSL",
                "sasl.mechanism", "SCRAM-SHA-512",
                "sasl.jaas.config",
                    "org.apache.kafka.common.security.scram.ScramLoginModule required"
                        + " username=\"demo\" password=\"secret\";"));
    assertThat(kafka.toString()).doesNotContain("secret").contains("sasl.jaas.config");
    assertThat(new KafkaAccess("k:9092", kafka.clientProperties(), "").toString())
        .doesNotContain("secret")
        .contains("sasl.jaas.config, sasl.mechanism, security.protocol");
  }

  @Test
  void a_missing_or_unreadable_kafka_config_is_refused_naming_it(@TempDir Path directory) {
    Path missing = directory.resolve("missing.properties");

    assertThatThrownBy(() -> DemoArguments.parse("--kafka=k:9092", "--kafka-config=" + missing))
        .isInstanceOf(UsageException.class)
        .hasMessage("--kafka-config: no such file: " + missing);
    assertThatThrownBy(() -> DemoArguments.parse("--kafka=k:9092", "--kafka-config=" + directory))
        .isInstanceOf(UsageException.class)
        .hasMessageStartingWith("--kafka-config: cannot read " + directory + ": ");
  }

  @Test
  void a_kafka_config_that_sets_what_the_demo_sets_is_refused(@TempDir Path directory)
      throws IOException {
    Path servers = Files.writeString(directory.resolve("a.properties"), "bootstrap.servers=x:1\n");
    Path acks = Files.writeString(directory.resolve("b.properties"), "acks=1\n");

    assertThatThrownBy(() -> DemoArguments.parse("--kafka=k:9092", "--kafka-config=" + servers))
        .hasMessage(
            "--kafka-config: "
                + servers
                + " sets bootstrap.servers, which the demo's clients set themselves: give the"
                + " brokers with --kafka");
    assertThatThrownBy(() -> DemoArguments.parse("--kafka=k:9092", "--kafka-config=" + acks))
        .hasMessage(
            "--kafka-config: "
                + acks
                + " sets acks, which the demo's clients set themselves: remove it");
  }

  @Test
  void kafka_config_and_replication_factor_need_an_external_kafka(@TempDir Path directory)
      throws IOException {
    Path file = Files.writeString(directory.resolve("c.properties"), "");

    assertThatThrownBy(() -> DemoArguments.parse("--kafka-config=" + file))
        .isInstanceOf(UsageException.class)
        .hasMessage(
            "--kafka-config needs --kafka=<bootstrap servers> (or TRIBUTARY_DEMO_KAFKA): it is for"
                + " an external Kafka, not the embedded broker");
    assertThatThrownBy(() -> DemoArguments.parse("--replication-factor=3"))
        .hasMessage(
            "--replication-factor needs --kafka=<bootstrap servers> (or TRIBUTARY_DEMO_KAFKA): it"
                + " is for an external Kafka, not the embedded broker");
  }

  @Test
  void the_replication_factor_is_three_or_the_brokers_unless_given() throws UsageException {
    ExternalKafka picked = DemoArguments.parse("--kafka=k:9092").kafka();
    ExternalKafka given = DemoArguments.parse("--kafka=k:9092", "--replication-factor=2").kafka();

    assertThat(picked.replicationFactor(1)).isEqualTo((short) 1);
    assertThat(picked.replicationFactor(2)).isEqualTo((short) 2);
    assertThat(picked.replicationFactor(5)).isEqualTo((short) 3);
    assertThat(given.replicationFactor(5)).isEqualTo((short) 2);
    assertThatThrownBy(() -> DemoArguments.parse("--kafka=k:9092", "--replication-factor=0"))
        .hasMessage("--replication-factor must be between 1 and 32767, was 0");
  }

  @Test
  void a_topic_prefix_is_taken_when_kafka_allows_it_in_a_topic_name() throws UsageException {
    assertThat(DemoArguments.parse("--topic-prefix=team-a.").topicPrefix()).isEqualTo("team-a.");
    assertThat(DemoArguments.parse().topicPrefix()).isEmpty();
    assertThatThrownBy(() -> DemoArguments.parse("--topic-prefix=team a/"))
        .isInstanceOf(UsageException.class)
        .hasMessage(
            "--topic-prefix may only contain letters, digits, '.', '_' and '-'; was 'team a/'");
  }

  // --workers-only and --templates-dir.

  @Test
  void workers_only_runs_against_a_kafka_with_its_settings_and_prefix(@TempDir Path directory)
      throws IOException, UsageException {
    Path file = Files.writeString(directory.resolve("c.properties"), "security.protocol=SSL\n");

    DemoArguments arguments =
        DemoArguments.parse(
            // A database in the environment is none of the workers' business.
            Map.of("TRIBUTARY_DEMO_POSTGRES_URL", URL),
            "--workers-only",
            "--kafka=k:9092",
            "--kafka-config=" + file,
            "--topic-prefix=p.",
            "--verbose");

    assertThat(arguments)
        .isEqualTo(
            new DemoArguments(
                0,
                0,
                false,
                0,
                true,
                false,
                null,
                new ExternalKafka("k:9092", Map.of("security.protocol", "SSL"), file, 0),
                "p.",
                true,
                null));
    assertThat(
            DemoArguments.parse(Map.of("TRIBUTARY_DEMO_KAFKA", "env:9092"), "--workers-only")
                .kafka())
        .isEqualTo(new ExternalKafka("env:9092", Map.of(), null, 0));
  }

  @Test
  void workers_only_needs_a_kafka() {
    assertThatThrownBy(() -> DemoArguments.parse("--workers-only"))
        .isInstanceOf(UsageException.class)
        .hasMessage(
            "--workers-only needs --kafka=<bootstrap servers> (or TRIBUTARY_DEMO_KAFKA): the Kafka"
                + " the processor and the scheduler use");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "--postgres=jdbc:postgresql://db/x",
        "--postgres-user=u",
        "--tasks=5",
        "--invalid-orders=1",
        "--serve",
        "--port=8080",
        "--replication-factor=3"
      })
  void workers_only_refuses_what_it_does_not_run(String option) {
    String name = option.contains("=") ? option.substring(0, option.indexOf('=')) : option;

    assertThatThrownBy(() -> DemoArguments.parse("--workers-only", "--kafka=k:9092", option))
        .isInstanceOf(UsageException.class)
        .hasMessage(
            name
                + " cannot be used with --workers-only, which runs only the sample workers (no"
                + " database, no services, no tasks)");
  }

  @Test
  void templates_dir_writes_the_templates_and_takes_no_other_option() throws UsageException {
    DemoArguments arguments = DemoArguments.parse("--templates-dir", "out/templates", "--verbose");

    assertThat(arguments.templatesDir()).isEqualTo(Path.of("out/templates"));
    assertThat(arguments.verbose()).isTrue();
    assertThat(arguments.workersOnly()).isFalse();
    assertThatThrownBy(() -> DemoArguments.parse("--templates-dir=t", "--serve"))
        .isInstanceOf(UsageException.class)
        .hasMessage("--templates-dir writes the templates and exits: --serve is not for it");
    assertThatThrownBy(() -> DemoArguments.parse("--workers-only", "--templates-dir=t"))
        .hasMessage("--templates-dir writes the templates and exits: --workers-only is not for it");
    assertThatThrownBy(() -> DemoArguments.parse("--templates-dir="))
        .hasMessage("--templates-dir needs a value, e.g. --templates-dir=templates");
  }

  @Test
  void help_is_shown_whatever_else_is_given() throws UsageException {
    assertThat(DemoArguments.parse("--workers-only", "--help").help()).isTrue();
  }

  @Test
  void the_usage_names_every_new_option_and_variable() {
    assertThat(DemoArguments.USAGE)
        .contains(
            "--postgres=URL",
            "--postgres-user=NAME",
            "TRIBUTARY_DEMO_POSTGRES_URL",
            "TRIBUTARY_DEMO_POSTGRES_USER",
            "TRIBUTARY_DEMO_POSTGRES_PASSWORD",
            "--kafka=SERVERS",
            "TRIBUTARY_DEMO_KAFKA",
            "--kafka-config=FILE",
            "--replication-factor=N",
            "--topic-prefix=PREFIX",
            "--workers-only",
            "--templates-dir=DIR",
            "fulfil_order.yaml, hello.yaml",
            "TRIBUTARY_TEMPLATES_DIRECTORY",
            "createdb tributary_demo");
  }
}
