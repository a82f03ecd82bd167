package dev.tributary.demo;

import java.io.PrintStream;
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
      arguments = DemoArguments.parse(args);
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

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
