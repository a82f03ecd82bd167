package dev.tributary.demo;

import java.io.Console;
import java.lang.reflect.InvocationTargetException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** What the demo's standard output is connected to. */
final class Terminal {

  private Terminal() {}

  /**
   * Whether standard output is an interactive terminal, where a progress line can be redrawn in
   * place; false when it is redirected to a file or a pipe, or when {@code TERM} is {@code dumb}.
   */
  // Error Prone's fix, console.isTerminal(), does not compile for release 21: it is called
  // reflectively below, and the null check is what Java 21 needs.
  @SuppressWarnings("SystemConsoleNull")
  static boolean isInteractive() {
    if ("dumb".equals(System.getenv("TERM"))) {
      return false;
    }
    Console console = System.console();
    if (console == null) {
      return false;
    }
    // Since Java 22 System.console() exists even when the streams are redirected and
    // Console.isTerminal() tells; on Java 21 a console exists only on a terminal.
    try {
      return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
    } catch (NoSuchMethodException e) {
      return true;
    } catch (IllegalAccessException | InvocationTargetException e) {
      return false;
    }
  }

  /** Whether standard output is encoded in UTF-8, so block characters draw a progress bar. */
  static boolean isUtf8() {
    String encoding = System.getProperty("stdout.encoding");
    if (encoding == null) {
      return Charset.defaultCharset().equals(StandardCharsets.UTF_8);
    }
    return encoding.toUpperCase(Locale.ROOT).replace("-", "").equals("UTF8");
  }
}
