package dev.tributary.bench.console;

import java.io.Console;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.nio.charset.StandardCharsets;

/**
 * The benchmark's console: the one place that writes to standard output, since this is a command a
 * person runs and watches. A progress line is rewritten in place on a terminal and printed every
 * few seconds otherwise (e.g. into a CI log).
 */
public final class Terminal {

  private static final PrintStream OUT = new PrintStream(System.out, true, StandardCharsets.UTF_8);
  private static final boolean INTERACTIVE = isTerminal();
  private static int statusLength;

  private Terminal() {}

  /**
   * Whether standard output is a terminal. Since Java 22 System.console() exists even when the
   * streams are redirected, and Console.isTerminal() tells; on Java 21 a console exists only on a
   * terminal. Compiled for Java 21, so isTerminal() is looked up when it runs.
   */
  // Error Prone's fix, console.isTerminal(), does not compile for release 21: it is called
  // reflectively below, and the null check is what Java 21 needs.
  @SuppressWarnings("SystemConsoleNull")
  private static boolean isTerminal() {
    Console console = System.console();
    if (console == null) {
      return false;
    }
    try {
      return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
    } catch (NoSuchMethodException e) {
      return true;
    } catch (IllegalAccessException | InvocationTargetException e) {
      return false;
    }
  }

  /** Whether progress is drawn in place (a terminal) or printed as lines. */
  public static boolean interactive() {
    return INTERACTIVE;
  }

  /** A line of its own, after any progress line. */
  public static synchronized void line(String text) {
    clearStatus();
    OUT.println(text);
  }

  /** Rewrites the progress line (a terminal only). */
  static synchronized void status(String text) {
    if (!INTERACTIVE) {
      OUT.println(text);
      return;
    }
    StringBuilder line = new StringBuilder("\r").append(text);
    for (int i = text.length(); i < statusLength; i++) {
      line.append(' ');
    }
    OUT.print(line);
    OUT.flush();
    statusLength = text.length();
  }

  private static void clearStatus() {
    if (INTERACTIVE && statusLength > 0) {
      OUT.print("\r" + " ".repeat(statusLength) + "\r");
      statusLength = 0;
    }
  }
}
