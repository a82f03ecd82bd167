package dev.tributary.conformance;

import dev.tributary.contracts.Topics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The kit's command line.
 *
 * @param bootstrap the Kafka bootstrap servers the worker under test reads from
 * @param namespace the template namespace the worker serves for the kit
 * @param topicPrefix the topic prefix the worker uses (the services' tributary.kafka.topic-prefix)
 * @param commandConfig a Java properties file of Kafka client settings (security, SASL, TLS)
 * @param timeout how long to wait for the worker's answers once the dispatches are sent
 * @param rules the rules to check; empty for all
 * @param help whether only the usage was asked for
 */
record KitArguments(
    String bootstrap,
    String namespace,
    String topicPrefix,
    @Nullable Path commandConfig,
    Duration timeout,
    Set<String> rules,
    boolean help) {

  static final String DEFAULT_NAMESPACE = "conformance";
  static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

  static final String USAGE =
      """
      Usage: tributary-conformance --bootstrap=HOST:PORT [--namespace=NAME] [--topic-prefix=P]
                                   [--command-config=FILE] [--timeout=SECONDS] [--rules=A,B,...]

      Checks a Tributary worker, in any language, against the wire contract. The kit plays the
      scheduler and the processor: it sends dispatches of its own template (docs/conformance.md)
      to <prefix>steps.<namespace>, reads the answers on <prefix>step-results, and prints one
      PASS or FAIL line per rule. Start the worker first, serving the namespace with the kit's
      handlers (echo, fail, checkpoint, sleep, decide, split). Exits 0 when every rule checked
      passed, 1 when one failed, 2 on a usage error.

      Use a topic prefix no Tributary processor reads: the kit's tasks exist nowhere else.

        --bootstrap=HOST:PORT   Kafka bootstrap servers (required)
        --namespace=NAME        the namespace the worker serves (default %s)
        --topic-prefix=P        the worker's topic prefix (default none)
        --command-config=FILE   Kafka client properties: security.protocol, sasl.*, ssl.* ...
        --timeout=SECONDS       how long to wait for the answers (default %d)
        --rules=A,B,...         check only these rules (default: all; --rules=list names them)
        -h, --help              show this help
      """
          .formatted(DEFAULT_NAMESPACE, DEFAULT_TIMEOUT.toSeconds());

  private static final Pattern COMMA = Pattern.compile(",");

  /**
   * Reads the command line; options take their value as {@code --name=value}.
   *
   * @throws UsageException naming the first problem
   */
  static KitArguments parse(String... args) throws UsageException {
    String bootstrap = null;
    String namespace = DEFAULT_NAMESPACE;
    String prefix = "";
    Path config = null;
    Duration timeout = DEFAULT_TIMEOUT;
    Set<String> rules = new LinkedHashSet<>();
    boolean help = false;
    Set<String> seen = new HashSet<>();
    for (String arg : args) {
      int equals = arg.indexOf('=');
      String name = equals < 0 ? arg : arg.substring(0, equals);
      String value = equals < 0 ? null : arg.substring(equals + 1);
      if (!seen.add(name)) {
        throw new UsageException(name + " is given twice");
      }
      switch (name) {
        case "--bootstrap" -> bootstrap = required(name, value);
        case "--namespace" -> namespace = namespace(required(name, value));
        case "--topic-prefix" -> prefix = prefix(required(name, value));
        case "--command-config" -> config = readable(required(name, value));
        case "--timeout" -> timeout = Duration.ofSeconds(seconds(name, required(name, value)));
        case "--rules" ->
            COMMA.splitAsStream(required(name, value)).map(String::strip).forEach(rules::add);
        case "-h", "--help" -> help = true;
        default ->
            throw new UsageException(
                arg.startsWith("-")
                    ? "unknown option " + name
                    : "unexpected argument '" + arg + "' (options start with --)");
      }
    }
    if (bootstrap == null && !help) {
      throw new UsageException("--bootstrap is required, e.g. --bootstrap=localhost:9092");
    }
    return new KitArguments(
        bootstrap == null ? "" : bootstrap, namespace, prefix, config, timeout, rules, help);
  }

  private static String required(String name, @Nullable String value) throws UsageException {
    if (value == null || value.isBlank()) {
      throw new UsageException(name + " needs a value, e.g. " + name + "=...");
    }
    return value.strip();
  }

  private static String namespace(String value) throws UsageException {
    if (!Topics.NAMESPACE.matcher(value).matches()) {
      throw new UsageException(
          "--namespace must match " + Topics.NAMESPACE.pattern() + ", was '" + value + "'");
    }
    return value;
  }

  private static String prefix(String value) throws UsageException {
    try {
      return new Topics(value).prefix();
    } catch (IllegalArgumentException e) {
      throw new UsageException("--topic-prefix: " + e.getMessage());
    }
  }

  private static Path readable(String value) throws UsageException {
    Path path = Path.of(value);
    if (!Files.isReadable(path)) {
      throw new UsageException("--command-config: cannot read " + path.toAbsolutePath());
    }
    return path;
  }

  private static long seconds(String name, String value) throws UsageException {
    try {
      long seconds = Long.parseLong(value);
      if (seconds >= 1 && seconds <= 3600) {
        return seconds;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new UsageException(
        name + " must be a whole number of seconds from 1 to 3600, was '" + value + "'");
  }
}
