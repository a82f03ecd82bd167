package dev.tributary.conformance;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Clock;
import java.util.List;

/**
 * The kit's entry point: {@code java -jar tributary-conformance.jar --bootstrap=HOST:PORT ...}.
 * Exit codes: 0 every rule passed, 1 a rule failed (or no worker answered), 2 a usage error.
 */
public final class ConformanceKit {

  static final int EXIT_USAGE = 2;

  private ConformanceKit() {}

  public static void main(String[] args) {
    System.exit(run(System.out, System.err, args));
  }

  static int run(PrintStream out, PrintStream err, String... args) {
    KitArguments arguments;
    try {
      arguments = KitArguments.parse(args);
    } catch (UsageException e) {
      err.println("tributary-conformance: " + e.getMessage());
      err.println("Try --help.");
      return EXIT_USAGE;
    }
    if (arguments.help()) {
      out.print(KitArguments.USAGE);
      return 0;
    }
    List<String> unknown =
        arguments.rules().stream().filter(r -> !Rules.names().contains(r)).toList();
    if (!unknown.isEmpty()) {
      err.println(
          "tributary-conformance: unknown rule(s) " + unknown + "; the rules are " + Rules.names());
      return EXIT_USAGE;
    }
    try {
      return new ConformanceRun(arguments, out, Clock.systemUTC()).run();
    } catch (IOException | RuntimeException e) {
      err.println("tributary-conformance: " + e.getMessage());
      return 1;
    }
  }
}
