package dev.tributary.demo;

import java.util.HashSet;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The demo's command line.
 *
 * @param tasks how many tasks of the sample workflow to submit
 * @param invalidOrders how many of those are orders without items, which fail validation for good:
 *     their tasks end blocked by failures
 * @param serve whether to keep running, REST API up, after the summary
 * @param apiPort the REST API's port; 0 for any free port
 * @param verbose whether the services and frameworks log at INFO instead of WARN
 * @param help whether only the usage was asked for
 */
record DemoArguments(
    int tasks, int invalidOrders, boolean serve, int apiPort, boolean verbose, boolean help) {

  /** Tasks submitted when {@code --tasks} is not given. */
  static final int DEFAULT_TASKS = 100;

  /** The most tasks one run submits. */
  static final int MAX_TASKS = 1_000_000;

  /** The REST API's port with {@code --serve}, so the README's curl commands work as written. */
  static final int DEFAULT_SERVE_API_PORT = 8080;

  static final String USAGE =
      """
      Usage: ./tributary-demo [--tasks=N] [--invalid-orders=N] [--serve] [--port=N] [--verbose]

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
      """
          .formatted(DEFAULT_TASKS, DEFAULT_SERVE_API_PORT);

  /**
   * Reads the command line; options take their value as {@code --name=value} or {@code --name
   * value}.
   *
   * @throws UsageException naming the first problem
   */
  static DemoArguments parse(String... args) throws UsageException {
    int tasks = DEFAULT_TASKS;
    int invalidOrders = 0;
    boolean serve = false;
    boolean verbose = false;
    boolean help = false;
    Integer apiPort = null;
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
      String inline = arg.contains("=") ? arg.substring(arg.indexOf('=') + 1) : null;
      if (!seen.add(name)) {
        throw new UsageException(name + " is given twice");
      }
      switch (name) {
        case "--tasks" -> {
          String value = inline != null ? inline : next(args, ++i, name);
          tasks = number(name, value, 0, MAX_TASKS);
        }
        case "--invalid-orders" -> {
          String value = inline != null ? inline : next(args, ++i, name);
          invalidOrders = number(name, value, 0, MAX_TASKS);
        }
        case "--port" -> {
          String value = inline != null ? inline : next(args, ++i, name);
          apiPort = number(name, value, 0, 65_535);
        }
        case "--serve" -> serve = flag(name, inline);
        case "--verbose" -> verbose = flag(name, inline);
        case "-h", "--help" -> help = flag(name, inline);
        default ->
            throw new UsageException(
                arg.startsWith("-")
                    ? "unknown option " + name
                    : "unexpected argument '" + arg + "' (options start with --)");
      }
    }
    if (invalidOrders > tasks) {
      throw new UsageException(
          "--invalid-orders=" + invalidOrders + " is more than the " + tasks + " tasks submitted");
    }
    return new DemoArguments(
        tasks,
        invalidOrders,
        serve,
        apiPort != null ? apiPort : serve ? DEFAULT_SERVE_API_PORT : 0,
        verbose,
        help);
  }

  private static String next(String[] args, int index, String name) throws UsageException {
    if (index >= args.length || args[index].startsWith("--")) {
      throw new UsageException(name + " needs a value, e.g. " + name + "=10");
    }
    return args[index];
  }

  private static boolean flag(String name, @Nullable String inline) throws UsageException {
    if (inline != null) {
      throw new UsageException(name + " takes no value");
    }
    return true;
  }

  private static int number(String name, String value, int min, int max) throws UsageException {
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
}
