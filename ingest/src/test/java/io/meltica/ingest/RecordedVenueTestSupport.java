package io.meltica.ingest;

import io.meltica.protocol.Event;
import io.meltica.protocol.EventKind;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * What the recorded venues' tests share on top of {@link ReplayTestSupport}: the venue's feed
 * counters, fresh for each test, and what its classes log.
 */
abstract class RecordedVenueTestSupport extends ReplayTestSupport {
  protected VenueFeedStats feed;
  private FeedLog feedLog;

  /** The venue's name in {@code meltica.venues}. */
  abstract String venue();

  /** The classes whose log lines a test reads ({@link #feedLines()}). */
  abstract Class<?>[] loggingClasses();

  @BeforeEach
  void captureFeedLogs() {
    feed = new VenueFeedStats(venue());
    feedLog = new FeedLog(loggingClasses());
  }

  @AfterEach
  void releaseFeedLogs() {
    feedLog.close();
  }

  /** What the venue's classes logged at INFO and above, in order. */
  protected List<String> feedLines() {
    return feedLog.lines();
  }

  /** The events of one instrument and kind, in order. */
  protected static List<Event> of(List<Event> events, int instrument, EventKind kind) {
    return events.stream().filter(e -> e.instrumentId() == instrument && e.kind() == kind).toList();
  }
}
