package dev.tributary.demo;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The one-command demo's entry point; see {@link DemoArguments#USAGE} for what it does. A command
 * line program: what it shows a person goes to standard output, logs go to standard error.
 */
public final class TributaryDemo {

  /** The exit code of a command line the demo cannot run. */
  static final int EXIT_USAGE = 2;

  /** The exit code when the demo could not start or failed unexpectedly. */
  static final int EXIT_FAILED = 1;

  /** The system property logback.xml reads the root log level from. */
  static final String LOG_LEVEL_PROPERTY = "tributary.demo.log-level";

  private static final AtomicBoolean stopping = new AtomicBoolean();

  private TributaryDemo() {}

  public static void main(String[] args) {
    int code = run(args, System.out, System.err);
    // Once Ctrl-C started the JVM's shutdown, the shutdown hook finishes the job: exit() would
    // block.
    if (!stopping.get()) {
      System.exit(code);
    }
  }

  static int run(String[] args, PrintStream out, PrintStream err) {
    DemoArguments arguments;
    try {
      arguments = DemoArguments.parse(System.getenv(), args);
    } catch (UsageException e) {
      err.println("tributary-demo: " + e.getMessage());
      err.println();
      err.print(DemoArguments.USAGE);
      return EXIT_USAGE;
    }
    if (arguments.help()) {
      out.print(DemoArguments.USAGE);
      return 0;
    }
    // Before the first logger is made: logback.xml reads it.
    System.setProperty(LOG_LEVEL_PROPERTY, arguments.verbose() ? "INFO" : "WARN");
    Path templatesDir = arguments.templatesDir();
    if (templatesDir != null) {
      return writeTemplates(templatesDir, out, err);
    }
    if (arguments.workersOnly()) {
      return WorkersOnly.run(arguments, out, err, stopping);
    }
    return runDemo(arguments, out, err);
  }

  private static int runDemo(DemoArguments arguments, PrintStream out, PrintStream err) {
    Demo demo = new Demo(arguments, out);
    Thread main = Thread.currentThread();
    CountDownLatch mainDone = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  stopping.set(true);
                  if (demo.isClosed()) {
                    return; // the run ended and cleaned up: exit() runs this hook
                  }
                  main.interrupt();
                  awaitQuietly(mainDone);
                  out.println("Stopping ...");
                  demo.close();
                },
                "demo-shutdown"));
    try {
      demo.start();
      int code = arguments.tasks() > 0 ? demo.runTasks() : 0;
      if (arguments.serve() && !stopping.get()) {
        demo.serve(stopping::get);
      }
      return code;
    } catch (RuntimeException e) {
      if (stopping.get()) {
        return Demo.EXIT_STOPPED;
      }
      out.println();
      err.println("tributary-demo: the demo failed: " + e);
      err.println("Run again with --verbose for the services' logs.");
      return EXIT_FAILED;
    } finally {
      mainDone.countDown();
      if (!stopping.get()) {
        demo.close();
      }
    }
  }

  /** Writes the templates for a processor of one's own, and says how to register them. */
  private static int writeTemplates(Path directory, PrintStream out, PrintStream err) {
    List<Path> written;
    try {
      written = Templates.write(directory);
    } catch (IOException e) {
      err.println("tributary-demo: cannot write the templates into " + directory + ": " + e);
      return EXIT_FAILED;
    }
    out.println("Wrote the demo's templates:");
    for (int i = 0; i < written.size(); i++) {
      Templates.Template template = Templates.ALL.get(i);
      out.printf(
          "  %s  (%s, run by %s)%n", written.get(i), template.reference(), template.servedBy());
    }
    out.printf(
        """
        Register them with a processor: start it with TRIBUTARY_TEMPLATES_DIRECTORY=%s
        (property tributary.templates.directory), or POST each file as an operator:
          curl -u <user>:<password> -H 'Content-Type: application/yaml' \\
            --data-binary @%s http://<processor>/api/v1/templates
        """,
        directory, written.getFirst());
    return 0;
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
