package io.meltica.ingest;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;

/** Captures what a venue's classes log at INFO and above, for the venue tests. */
final class FeedLog implements AutoCloseable {
  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
  private final Class<?>[] types;

  FeedLog(Class<?>... types) {
    this.types = types;
    appender.start();
    for (Class<?> type : types) {
      logger(type).addAppender(appender);
    }
  }

  private static Logger logger(Class<?> type) {
    return (Logger) org.slf4j.LoggerFactory.getLogger(type);
  }

  /** The messages logged so far, formatted, in order. */
  List<String> lines() {
    return appender.list.stream()
        .filter(e -> e.getLevel().isGreaterOrEqual(Level.INFO))
        .map(ILoggingEvent::getFormattedMessage)
        .toList();
  }

  @Override
  public void close() {
    for (Class<?> type : types) {
      logger(type).detachAppender(appender);
    }
  }
}
