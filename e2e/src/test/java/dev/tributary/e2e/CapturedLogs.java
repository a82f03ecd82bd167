package dev.tributary.e2e;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.AppenderBase;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * A Logback appender (see logback-test.xml) that keeps every event it gets while capturing is on:
 * each as the text a log reader would see, message and exception chain with stack frames. Off by
 * default, so that other tests cost nothing.
 */
public final class CapturedLogs extends AppenderBase<ILoggingEvent> {

  private static final ConcurrentLinkedQueue<String> EVENTS = new ConcurrentLinkedQueue<>();
  private static volatile boolean capturing;

  /** Starts keeping events, forgetting any kept before. */
  static void begin() {
    EVENTS.clear();
    capturing = true;
  }

  /** Stops keeping events; returns those kept. */
  static List<String> end() {
    capturing = false;
    return List.copyOf(EVENTS);
  }

  @Override
  protected void append(ILoggingEvent event) {
    if (!capturing) {
      return;
    }
    StringBuilder text =
        new StringBuilder()
            .append(event.getLevel())
            .append(' ')
            .append(event.getLoggerName())
            .append(": ")
            .append(event.getFormattedMessage());
    if (event.getMDCPropertyMap() != null) {
      text.append(' ').append(event.getMDCPropertyMap());
    }
    for (IThrowableProxy t = event.getThrowableProxy(); t != null; t = t.getCause()) {
      text.append("\n  ").append(t.getClassName()).append(": ").append(t.getMessage());
    }
    EVENTS.add(text.toString());
  }
}
