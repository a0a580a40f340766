package io.meltica.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.meltica.pool.EventPool;
import io.meltica.pool.PoolConfig;
import io.meltica.pool.RecycleReason;
import io.meltica.pool.Recycler;
import io.meltica.protocol.Event;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * A fresh pool, stats and captured WARN log per test, files in a temporary folder, and a way to
 * replay a file into envelopes that recycles them afterwards; no envelope may be left in use.
 */
abstract class ReplayTestSupport extends StreamTestSupport {
  static final String OWNER = "replay-test";
  private static final String TRADE_PREFIX =
      "{\"kind\":\"TRADE\",\"venue\":\"binance\",\"instrument\":\"BTC-USDT\",\"price\":\"67012.6\","
          + "\"qty\":\"0.1\",\"side\":\"BUY\",\"note\":\"";

  @TempDir Path dir;

  protected EventPool pool;
  protected Recycler recycler;
  protected IngestStats stats;
  protected ListAppender<ILoggingEvent> warnings;

  @BeforeEach
  void freshPoolAndLog() {
    pool = new EventPool(PoolConfig.ofCapacity(16)); // smaller than the sample: misses allocate
    recycler = pool.recycler();
    stats = new IngestStats();
    warnings = new ListAppender<>();
    warnings.start();
    venueLogger().addAppender(warnings);
  }

  @AfterEach
  void noEnvelopeLeaked() {
    venueLogger().detachAppender(warnings);
    assertThat(pool.inUse()).as(pool.leakReport().toString()).isZero();
  }

  private static Logger venueLogger() {
    return (Logger) LoggerFactory.getLogger(ReplayVenue.class);
  }

  protected ReplayVenue venue(Path file) {
    return new ReplayVenue(file, IDS, stats);
  }

  protected Path file(String name, String content) throws IOException {
    return Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
  }

  /** A valid TRADE line of exactly {@code bytes} bytes, padded in an ignored field. */
  protected static String tradeOfLength(int bytes) {
    return TRADE_PREFIX + "x".repeat(bytes - TRADE_PREFIX.length() - 2) + "\"}";
  }

  /** Replays {@code file} into envelopes, lets {@code check} look at them, then recycles them. */
  protected void replay(Path file, Consumer<List<Event>> check) {
    replay(venue(file), check);
  }

  /** Runs {@code venue} into envelopes, lets {@code check} look at them, then recycles them. */
  protected <I> void replay(Venue<I> venue, Consumer<List<Event>> check) {
    long before = System.nanoTime();
    List<Event> events =
        runToList(
            venue
                .inputs()
                .map(
                    input -> {
                      Event event = pool.acquire(OWNER);
                      venue.fill(input, event);
                      return event;
                    }));
    long after = System.nanoTime();
    try {
      assertThat(events)
          .allSatisfy(event -> assertThat(event.ingestTimeNanos()).isBetween(before, after));
      check.accept(events);
    } finally {
      events.forEach(
          event -> recycler.recycle(event, event.generation(), RecycleReason.STRATEGY_HANDLED));
    }
  }
}
