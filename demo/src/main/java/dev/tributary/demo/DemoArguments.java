package dev.tributary.demo;

import dev.tributary.contracts.Topics;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The demo's command line, and the environment variables that stand in for some of its options.
 *
 * @param tasks how many tasks of the sample workflow to submit
 * @param invalidOrders how many of those are orders without items, which fail validation for good:
 *     their tasks end blocked by failures
 * @param serve whether to keep running, REST API up, after the summary
 * @param apiPort the REST API's port; 0 for any free port
 * @param verbose whether the services and frameworks log at INFO instead of WARN
 * @param help whether only the usage was asked for
 * @param postgres an external PostgreSQL; null for the embedded one
 * @param kafka an external Kafka; null for the embedded broker
 * @param topicPrefix prepended to every topic name and consumer group; empty for none
 * @param workersOnly whether to run only the sample workers, against {@code kafka}
 * @param templatesDir where to write the demo's templates, and then exit; null to run
 */
record DemoArguments(
    int tasks,
    int invalidOrders,
    boolean serve,
    int apiPort,
    boolean verbose,
    boolean help,
    @Nullable PostgresAccess postgres,
    @Nullable ExternalKafka kafka,
    String topicPrefix,
    boolean workersOnly,
    @Nullable Path templatesDir) {

  /** Tasks submitted when {@code --tasks} is not given. */
  static final int DEFAULT_TASKS = 100;

  /** The most tasks one run submits. */
  static final int MAX_TASKS = 1_000_000;

  /** The REST API's port with {@code --serve}, so the README's curl commands work as written. */
  static final int DEFAULT_SERVE_API_PORT = 8080;

  static final String POSTGRES_URL_VARIABLE = "TRIBUTARY_DEMO_POSTGRES_URL";
  static final String POSTGRES_USER_VARIABLE = "TRIBUTARY_DEMO_POSTGRES_USER";

  /** The only way to give the password: a command line is visible to every user ({@code ps}). */
  static final String POSTGRES_PASSWORD_VARIABLE = "TRIBUTARY_DEMO_POSTGRES_PASSWORD";

  static final String KAFKA_VARIABLE = "TRIBUTARY_DEMO_KAFKA";

  static final String USAGE =
      """
      Usage: ./tributary-demo [--tasks=N] [--invalid-orders=N] [--serve] [--port=N] [--verbose]
                              [--postgres=URL [--postgres-user=NAME]]
                              [--kafka=SERVERS [--kafka-config=FILE] [--replication-factor=N]]
                              [--topic-prefix=PREFIX]
             ./tributary-demo --workers-only --kafka=SERVERS [--kafka-config=FILE]
                              [--topic-prefix=PREFIX] [--verbose]
             ./tributary-demo --templates-dir=DIR

      Runs Tributary on this machine in one process: an embedded PostgreSQL and Kafka broker,
      the processor, the scheduler and sample Java workers. Submits N tasks of the sample
      workflow demo/fulfil_order, shows their progress, prints a summary, and exits 0 when
      every task completed (1 when some did not).

        --tasks=N            tasks to submit (default %d; 0 submits none)
        --invalid-orders=N   make the last N of those orders invalid: their tasks end blocked
                             by a permanent failure, and the demo exits 1 (default 0)
        --serve              keep running after the summary, REST API up, until Ctrl-C
        --port=N             REST API port (default %d with --serve, else any free port)
        --verbose            INFO logs from the services and frameworks (default: warnings)
        -h, --help           show this help

      An external PostgreSQL or Kafka instead of the embedded one (a flag wins over its
      environment variable):

        --postgres=URL       a JDBC URL, e.g. jdbc:postgresql://db.example:5432/tributary_demo
                             (or TRIBUTARY_DEMO_POSTGRES_URL). The processor migrates this
                             database, so give the demo one of its own
                             (createdb tributary_demo) and a user allowed to create tables
        --postgres-user=NAME the user to connect as (or TRIBUTARY_DEMO_POSTGRES_USER;
                             default: your login name, as psql). The password is read from
                             TRIBUTARY_DEMO_POSTGRES_PASSWORD only, never from the command line
        --kafka=SERVERS      bootstrap servers, e.g. kafka-1:9092,kafka-2:9092 (or
                             TRIBUTARY_DEMO_KAFKA). The services create the topics they need
        --kafka-config=FILE  Kafka client settings for every client of the demo, as a Java
                             properties file (security.protocol, sasl.mechanism,
                             sasl.jaas.config, ssl.* ...), as Kafka's tools' --command-config
        --replication-factor=N
                             replicas of the topics the services create (default: %d, or
                             the number of brokers when there are fewer)
        --topic-prefix=PREFIX
                             put PREFIX before every topic and consumer group name, to share
                             a cluster (default: none)

      Only the sample workers, for a processor and a scheduler that run elsewhere:

        --workers-only       run the sample Java workers of namespace demo (the steps of
                             demo/fulfil_order) on --kafka (required) until Ctrl-C or
                             SIGTERM, which stop them gracefully and exit 0. No database,
                             no services, nothing embedded
        --templates-dir=DIR  write the demo's templates (%s)
                             into DIR and exit. Then start a processor with
                             TRIBUTARY_TEMPLATES_DIRECTORY=DIR, or POST each file to its
                             /api/v1/templates as an operator, Content-Type: application/yaml
      """
          .formatted(
              DEFAULT_TASKS,
              DEFAULT_SERVE_API_PORT,
              ExternalKafka.PREFERRED_REPLICAS,
              String.join(", ", Templates.ALL.stream().map(Templates.Template::file).toList()));

  /** Options that take a value, with an example of one. */
  private static final Map<String, String> VALUED =
      Map.of(
          "--tasks", "10",
          "--invalid-orders", "10",
          "--port", "10",
          "--postgres", "jdbc:postgresql://localhost:5432/tributary_demo",
          "--postgres-user", "tributary",
          "--kafka", "localhost:9092",
          "--kafka-config", "client.properties",
          "--replication-factor", "3",
          "--topic-prefix", "demo-",
          "--templates-dir", "templates");

  private static final Set<String> FLAGS =
      Set.of("--serve", "--verbose", "-h", "--help", "--workers-only");

  /** What {@code --workers-only} has no use for: it starts no database, no services, no tasks. */
  private static final List<String> NOT_FOR_WORKERS =
      List.of(
          "--postgres",
          "--postgres-user",
          "--tasks",
          "--invalid-orders",
          "--serve",
          "--port",
          "--replication-factor");

  /** What {@code --templates-dir} goes with: it writes files and exits. */
  private static final Set<String> WITH_TEMPLATES_DIR = Set.of("--templates-dir", "--verbose");

  /** One broker or more, as {@code host:port}, separated by commas. */
  private static final Pattern BOOTSTRAP_SERVERS =
      Pattern.compile("[^,\\s]+:\\d{1,5}(,[^,\\s]+:\\d{1,5})*");

  /**
   * Reads the command line without looking at the environment, as if none of the demo's variables
   * were set.
   *
   * @throws UsageException naming the first problem
   */
  static DemoArguments parse(String... args) throws UsageException {
    return parse(Map.of(), args);
  }

  /**
   * Reads the command line; options take their value as {@code --name=value} or {@code --name
   * value}. The environment gives what an option was not given for (the PostgreSQL password only
   * ever comes from there).
   *
   * @throws UsageException naming the first problem
   */
  static DemoArguments parse(Map<String, String> environment, String... args)
      throws UsageException {
    Map<String, String> options = options(args);
    if (options.containsKey("-h") || options.containsKey("--help")) {
      return new DemoArguments(
          DEFAULT_TASKS, 0, false, 0, false, true, null, null, "", false, null);
    }
    boolean verbose = options.containsKey("--verbose");
    String templatesDir = options.get("--templates-dir");
    if (templatesDir != null) {
      for (String option : options.keySet()) {
        if (!WITH_TEMPLATES_DIR.contains(option)) {
          throw new UsageException(
              "--templates-dir writes the templates and exits: " + option + " is not for it");
        }
      }
      return new DemoArguments(
          0,
          0,
          false,
          0,
          verbose,
          false,
          null,
          null,
          "",
          false,
          path("--templates-dir", templatesDir));
    }
    Environment env = new Environment(environment);
    String topicPrefix = topicPrefix(options.getOrDefault("--topic-prefix", ""));
    if (options.containsKey("--workers-only")) {
      for (String option : NOT_FOR_WORKERS) {
        if (options.containsKey(option)) {
          throw new UsageException(
              option
                  + " cannot be used with --workers-only, which runs only the sample workers (no"
                  + " database, no services, no tasks)");
        }
      }
      ExternalKafka kafka = kafka(options, env);
      if (kafka == null) {
        throw new UsageException(
            "--workers-only needs --kafka=<bootstrap servers> (or "
                + KAFKA_VARIABLE
                + "): the Kafka the processor and the scheduler use");
      }
      return new DemoArguments(
          0, 0, false, 0, verbose, false, null, kafka, topicPrefix, true, null);
    }
    int tasks = number(options, "--tasks", DEFAULT_TASKS, 0, MAX_TASKS);
    int invalidOrders = number(options, "--invalid-orders", 0, 0, MAX_TASKS);
    boolean serve = options.containsKey("--serve");
    int apiPort = number(options, "--port", serve ? DEFAULT_SERVE_API_PORT : 0, 0, 65_535);
    if (invalidOrders > tasks) {
      throw new UsageException(
          "--invalid-orders=" + invalidOrders + " is more than the " + tasks + " tasks submitted");
    }
    return new DemoArguments(
        tasks,
        invalidOrders,
        serve,
        apiPort,
        verbose,
        false,
        postgres(options, env),
        kafka(options, env),
        topicPrefix,
        false,
        null);
  }

  /** Every option given, by name, with its value; flags with an empty one. */
  private static Map<String, String> options(String[] args) throws UsageException {
    Map<String, String> options = new HashMap<>();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
      String inline = arg.contains("=") ? arg.substring(arg.indexOf('=') + 1) : null;
      if (options.containsKey(name)) {
        throw new UsageException(name + " is given twice");
      }
      if (VALUED.containsKey(name)) {
        options.put(name, inline != null ? inline : next(args, ++i, name));
      } else if (FLAGS.contains(name)) {
        options.put(name, flag(name, inline));
      } else if (name.equals("--postgres-password")) {
        throw new UsageException(
            "the PostgreSQL password is read from "
                + POSTGRES_PASSWORD_VARIABLE
                + " only: a command line is visible to every user of the machine (ps)");
      } else {
        throw new UsageException(
            arg.startsWith("-")
                ? "unknown option " + name
                : "unexpected argument '" + arg + "' (options start with --)");
      }
    }
    return options;
  }

  /** An external PostgreSQL if a URL is given, by option or environment; null otherwise. */
  private static @Nullable PostgresAccess postgres(Map<String, String> options, Environment env)
      throws UsageException {
    String flagUrl = options.get("--postgres");
    String url = flagUrl != null ? flagUrl.strip() : env.get(POSTGRES_URL_VARIABLE);
    String flagUser = options.get("--postgres-user");
    String user = flagUser != null ? flagUser.strip() : env.get(POSTGRES_USER_VARIABLE);
    if (url == null) {
      if (flagUser != null) {
        throw new UsageException(
            "--postgres-user needs --postgres=<JDBC URL> (or "
                + POSTGRES_URL_VARIABLE
                + "): without one the demo runs its embedded PostgreSQL");
      }
      if (user != null) {
        throw new UsageException(
            POSTGRES_USER_VARIABLE
                + " is set, but no PostgreSQL URL is given (--postgres or "
                + POSTGRES_URL_VARIABLE
                + "): without one the demo runs its embedded PostgreSQL");
      }
      return null;
    }
    String source = flagUrl != null ? "--postgres" : POSTGRES_URL_VARIABLE;
    if (!url.startsWith(PostgresAccess.URL_SCHEME)) {
      throw new UsageException(
          source
              + " must be a JDBC URL starting with "
              + PostgresAccess.URL_SCHEME
              + ", e.g. "
              + VALUED.get("--postgres")
              + "; was '"
              + PostgresAccess.redacted(url)
              + "'");
    }
    if (flagUrl != null && PostgresAccess.hasPasswordParameter(url)) {
      throw new UsageException(
          "--postgres: give the password in "
              + POSTGRES_PASSWORD_VARIABLE
              + ", not in the URL: a command line is visible to every user of the machine (ps)");
    }
    if (user != null && user.isEmpty()) {
      throw new UsageException("--postgres-user needs a value, e.g. --postgres-user=tributary");
    }
    return new PostgresAccess(
        url,
        user != null ? user : System.getProperty("user.name", "postgres"),
        env.password(POSTGRES_PASSWORD_VARIABLE));
  }

  /** An external Kafka if bootstrap servers are given, by option or environment; null otherwise. */
  private static @Nullable ExternalKafka kafka(Map<String, String> options, Environment env)
      throws UsageException {
    String flagServers = options.get("--kafka");
    String servers = flagServers != null ? flagServers.strip() : env.get(KAFKA_VARIABLE);
    String configFile = options.get("--kafka-config");
    if (servers == null) {
      for (String option : List.of("--kafka-config", "--replication-factor")) {
        if (options.containsKey(option)) {
          throw new UsageException(
              option
                  + " needs --kafka=<bootstrap servers> (or "
                  + KAFKA_VARIABLE
                  + "): it is for an external Kafka, not the embedded broker");
        }
      }
      return null;
    }
    if (!BOOTSTRAP_SERVERS.matcher(servers).matches()) {
      throw new UsageException(
          (flagServers != null ? "--kafka" : KAFKA_VARIABLE)
              + " must be host:port, or several separated by commas, e.g."
              + " kafka-1:9092,kafka-2:9092; was '"
              + servers
              + "'");
    }
    Path config = configFile != null ? path("--kafka-config", configFile) : null;
    return new ExternalKafka(
        servers,
        config != null ? KafkaClientSettings.read(config) : Map.of(),
        config,
        number(
            options,
            "--replication-factor",
            ExternalKafka.DEFAULT_REPLICATION_FACTOR,
            1,
            Short.MAX_VALUE));
  }

  private static String topicPrefix(String prefix) throws UsageException {
    try {
      return new Topics(prefix).prefix();
    } catch (IllegalArgumentException e) {
      throw new UsageException(
          "--topic-prefix may only contain letters, digits, '.', '_' and '-'; was '"
              + prefix
              + "'");
    }
  }

  private static Path path(String name, String value) throws UsageException {
    if (value.isBlank()) {
      throw new UsageException(name + " needs a value, e.g. " + name + "=" + VALUED.get(name));
    }
    try {
      return Path.of(value);
    } catch (InvalidPathException e) {
      throw new UsageException(name + " is not a valid path: " + e.getMessage());
    }
  }

  private static String next(String[] args, int index, String name) throws UsageException {
    if (index >= args.length || args[index].startsWith("--")) {
      throw new UsageException(name + " needs a value, e.g. " + name + "=" + VALUED.get(name));
    }
    return args[index];
  }

  private static String flag(String name, @Nullable String inline) throws UsageException {
    if (inline != null) {
      throw new UsageException(name + " takes no value");
    }
    return "";
  }

  private static int number(Map<String, String> options, String name, int absent, int min, int max)
      throws UsageException {
    String value = options.get(name);
    if (value == null) {
      return absent;
    }
    int number;
    try {
      number = Integer.parseInt(value.strip());
    } catch (NumberFormatException e) {
      throw new UsageException(name + " must be a whole number, was '" + value + "'");
    }
    if (number < min || number > max) {
      throw new UsageException(
          name + " must be between " + min + " and " + max + ", was " + number);
    }
    return number;
  }

  /** The demo's environment variables; a blank one counts as unset. */
  private record Environment(Map<String, String> variables) {

    @Nullable String get(String name) {
      String value = variables.get(name);
      return value == null || value.isBlank() ? null : value.strip();
    }

    /** A password as it is, spaces and all; empty when unset. */
    String password(String name) {
      return variables.getOrDefault(name, "");
    }
  }
}
