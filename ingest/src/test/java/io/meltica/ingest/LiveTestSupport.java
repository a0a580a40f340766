package io.meltica.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.meltica.pool.EventPool;
import io.meltica.pool.PoolConfig;
import io.meltica.pool.RecycleReason;
import io.meltica.protocol.Event;
import io.meltica.protocol.EventKind;
import io.meltica.protocol.Side;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.pekko.Done;
import org.apache.pekko.NotUsed;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.japi.Pair;
import org.apache.pekko.stream.KillSwitches;
import org.apache.pekko.stream.UniqueKillSwitch;
import org.apache.pekko.stream.javadsl.Keep;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * Live venues against a {@link LiveTestServer} on this class's ActorSystem: each test's venue runs
 * into pooled envelopes that are copied into {@link Seen} and recycled at once; after each test the
 * server is down, no envelope is in use and no connection is open.
 */
abstract class LiveTestSupport extends StreamTestSupport {
  static final Duration PATIENCE = Duration.ofSeconds(15);
  static final String BINANCE_ACK = "{\"result\":null,\"id\":1}";

  protected EventPool pool;
  protected IngestStats ingest;
  protected VenueFeedStats feed;
  protected LiveTestServer server;
  private final List<Run> running = new java.util.ArrayList<>();

  /** What a strategy would see of one event, copied before the envelope went back. */
  record Seen(
      EventKind kind,
      int instrumentId,
      long sequence,
      long eventTimeNanos,
      long price,
      long quantity,
      Side side,
      long bidPrice,
      long bidSize,
      long askPrice,
      long askSize) {
    static Seen of(Event e) {
      return new Seen(
          e.kind(),
          e.instrumentId(),
          e.venueSequence(),
          e.eventTimeNanos(),
          e.price(),
          e.quantity(),
          e.side(),
          e.bidPrice(),
          e.bidSize(),
          e.askPrice(),
          e.askSize());
    }

    boolean isStaleMark() {
      return kind == EventKind.BOOK_SNAPSHOT && bidPrice == 0 && askPrice == 0;
    }
  }

  /** A running venue: what it delivered so far, and how to stop it. */
  record Run(UniqueKillSwitch killSwitch, CompletionStage<Done> done, Queue<Seen> seen) {}

  @BeforeEach
  void freshPool() {
    pool = new EventPool(PoolConfig.ofCapacity(16));
    ingest = new IngestStats();
  }

  @AfterEach
  void nothingLeftOpen() {
    running.forEach(run -> run.killSwitch().shutdown()); // a failed test's venue stops here too
    running.clear();
    if (server != null) {
      server.close();
    }
    assertThat(pool.inUse()).as(pool.leakReport().toString()).isZero();
    Http.get(testKit.system()).shutdownAllConnectionPools().toCompletableFuture().join();
  }

  /**
   * Fast reconnects, a long idle timeout, every venue pointed at the server; {@code extra} wins.
   */
  protected Config config(String extra) {
    return ConfigFactory.parseString(
            "meltica.live { reconnect { min-backoff = 50ms, max-backoff = 200ms,"
                + " random-factor = 0 }, idle-timeout = 30s }\n"
                + "meltica.live.binance { url = \""
                + server.webSocketUrl()
                + "\", rest-url = \""
                + server.restUrl()
                + "\", symbols = [BTCUSDT] }\n"
                + "meltica.live.okx.url = \""
                + server.webSocketUrl()
                + "\"\n"
                + "meltica.live.coinbase.url = \""
                + server.webSocketUrl()
                + "\"\n"
                + extra)
        .withFallback(ConfigFactory.load());
  }

  protected LiveVenue live(String venue, Config config) {
    feed = VenueFeedStats.live(venue);
    return LiveVenue.fromConfig(venue, config, IDS, ingest, feed);
  }

  /** Envelopes made as the data bus makes them, looked at, and recycled. */
  protected Source<Seen, NotUsed> seen(Venue<ReplayRecord> venue) {
    return venue
        .inputs()
        .map(
            record -> {
              Event event = pool.acquire("live-test");
              venue.fill(record, event);
              Seen seen = Seen.of(event);
              pool.recycler().recycle(event, event.generation(), RecycleReason.STRATEGY_HANDLED);
              return seen;
            });
  }

  protected Run run(LiveVenue venue) {
    Queue<Seen> seen = new ConcurrentLinkedQueue<>();
    Pair<UniqueKillSwitch, CompletionStage<Done>> running =
        seen(venue)
            .viaMat(KillSwitches.single(), Keep.right())
            .toMat(Sink.foreach(seen::add), Keep.both())
            .run(testKit.system());
    Run run = new Run(running.first(), running.second(), seen);
    this.running.add(run);
    return run;
  }

  /** Stops it as the data bus's kill switch does: the stream ends and the socket is closed. */
  protected void stop(Run run) {
    run.killSwitch().shutdown();
    assertThat(run.done().toCompletableFuture()).succeedsWithin(PATIENCE);
    await().atMost(PATIENCE).until(() -> server.openConnections() == 0);
  }

  /** Every line of an example file, 1-based {@code from} to {@code to} inclusive. */
  static List<String> exampleLines(String file, int from, int to) {
    try {
      return java.nio.file.Files.readAllLines(example(file)).subList(from - 1, to);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
