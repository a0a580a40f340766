package io.meltica.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.meltica.protocol.EventKind;
import io.meltica.protocol.FixedPoint;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Binance live feed against a local WebSocket and REST server playing recorded messages: normal
 * streaming, a dropped connection, a gap, an idle connection, and configuration mistakes.
 */
class LiveBinanceTest extends LiveTestSupport {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SUBSCRIBE_BTC =
      "{\"method\":\"SUBSCRIBE\",\"params\":[\"btcusdt@trade\",\"btcusdt@bookTicker\","
          + "\"btcusdt@depth@100ms\"],\"id\":1}";

  @TempDir Path dir;

  @Test
  void shouldDeliverTheSameEventsAsTheReplayOfTheSameMessages() throws IOException {
    List<String> sample = exampleLines("binance-sample.jsonl", 1, 10);
    List<String> stream = new ArrayList<>(sample);
    String btcSnapshot = stream.remove(2);
    String ethSnapshot = stream.remove(2);
    CompletableFuture<Void> snapshotsApplied = new CompletableFuture<>();
    server =
        LiveTestServer.start(
                testKit.system(),
                new LiveTestServer.Script().send(BINANCE_ACK).await(snapshotsApplied).send(stream))
            .snapshots("BTCUSDT", body(btcSnapshot))
            .snapshots("ETHUSDT", body(ethSnapshot));
    Path recordings = Files.createDirectory(dir.resolve("recordings"));
    LiveVenue venue =
        live(
            "binance",
            config(
                "meltica.live.binance.symbols = [BTCUSDT, ETHUSDT]\n"
                    + "meltica.live.record-to = \""
                    + recordings
                    + "\""));
    // The recording the live run must match: the snapshots first (fetched before the stream is
    // let go), then the stream as sent.
    List<String> recording = new ArrayList<>(List.of(btcSnapshot, ethSnapshot));
    recording.addAll(stream);
    Path file = Files.write(dir.resolve("binance-live.jsonl"), recording);
    List<Seen> expected =
        runToList(
            seen(
                new BinanceVenue(
                    file,
                    ConfigFactory.load(),
                    IDS,
                    new IngestStats(),
                    new VenueFeedStats("binance"))));

    Run run = run(venue);
    await().atMost(PATIENCE).until(() -> feed.messages() == 2);
    snapshotsApplied.complete(null);
    await().atMost(PATIENCE).until(() -> run.seen().size() >= expected.size());
    stop(run);

    assertThat(run.seen()).containsExactlyElementsOf(expected);
    assertThat(expected)
        .extracting(Seen::kind)
        .contains(EventKind.TRADE, EventKind.BOOK_DELTA, EventKind.QUOTE);
    assertThat(server.received(0))
        .first()
        .isEqualTo(
            "{\"method\":\"SUBSCRIBE\",\"params\":[\"btcusdt@trade\",\"btcusdt@bookTicker\","
                + "\"btcusdt@depth@100ms\",\"ethusdt@trade\",\"ethusdt@bookTicker\","
                + "\"ethusdt@depth@100ms\"],\"id\":1}");
    assertThat(server.snapshotRequests("BTCUSDT")).isOne();
    assertThat(server.snapshotRequests("ETHUSDT")).isOne();
    assertThat(feed.messages()).isEqualTo(recording.size());
    assertThat(feed.gaps() + feed.disconnects() + feed.decodeRejects()).isZero();
    assertThat(ingest.rejectedTotal()).as("the subscription's answer is skipped").isZero();
    await().atMost(PATIENCE).until(() -> recorded(recordings).size() == recording.size());
    Path recorded;
    try (var files = Files.list(recordings)) {
      recorded = files.findFirst().orElseThrow();
    }
    assertThat(recorded.getFileName().toString()).matches("binance-live-[0-9]{8}-[0-9]{6}\\.jsonl");
    assertThat(
            runToList(
                seen(
                    new BinanceVenue(
                        recorded,
                        ConfigFactory.load(),
                        IDS,
                        new IngestStats(),
                        new VenueFeedStats("binance")))))
        .as("the recording the live run wrote replays to the same events")
        .isEqualTo(expected);
  }

  /** The lines of the one recording in {@code folder}, none while it does not exist yet. */
  private static List<String> recorded(Path folder) throws IOException {
    try (var files = Files.list(folder)) {
      List<Path> all = files.toList();
      return all.isEmpty() ? List.of() : Files.readAllLines(all.get(0));
    }
  }

  @Test
  void shouldReconnectResubscribeAndResyncAfterTheConnectionDropped() {
    CompletableFuture<Void> firstSnapshotApplied = new CompletableFuture<>();
    String secondSnapshot =
        snapshot(
            200,
            "[[\"98.0\",\"1.0\"],[\"97.0\",\"2.0\"]]",
            "[[\"103.0\",\"1.0\"],[\"104.0\",\"4.0\"]]");
    List<String> afterReconnect =
        List.of(
            update(190, 195, "[[\"98.0\",\"9.0\"]]", "[]"),
            update(199, 202, "[[\"98.0\",\"2.0\"]]", "[[\"103.0\",\"0\"]]"),
            update(203, 203, "[[\"97.5\",\"1.0\"]]", "[]"),
            update(204, 206, "[]", "[[\"105.0\",\"1.0\"]]"));
    server =
        LiveTestServer.start(
                testKit.system(),
                bridgingTheFirstSnapshot(firstSnapshotApplied)
                    .send(update(104, 105, "[[\"99.5\",\"3.0\"]]", "[]"))
                    .thenClose(),
                new LiveTestServer.Script().send(BINANCE_ACK).send(afterReconnect))
            .snapshots("BTCUSDT", firstSnapshot(), secondSnapshot);
    LiveVenue venue = live("binance", config(""));

    Run run = run(venue);
    await().atMost(PATIENCE).until(() -> feed.messages() == 1);
    firstSnapshotApplied.complete(null);
    await()
        .atMost(PATIENCE)
        .until(() -> feed.resyncs() == 1 && feed.messages() == 1 + 3 + 1 + afterReconnect.size());
    BinanceBook book = ((BinanceFeed) venue.lastFeed()).book(BTC);
    stop(run);

    assertThat(server.connections()).isEqualTo(2);
    assertThat(server.received(1)).as("resubscribed").containsExactly(SUBSCRIBE_BTC);
    assertThat(server.snapshotRequests("BTCUSDT")).isEqualTo(2);
    assertThat(feed.disconnects()).isOne();
    assertThat(feed.gaps()).as("a lost connection is not a gap").isZero();
    List<Seen> snapshots =
        run.seen().stream().filter(s -> s.kind() == EventKind.BOOK_SNAPSHOT).toList();
    assertThat(snapshots).hasSize(3);
    assertThat(snapshots.get(1).isStaleMark()).as("stale when the connection dropped").isTrue();
    assertThat(snapshots.get(1).sequence()).isEqualTo(105);
    assertThat(snapshots.get(2).isStaleMark()).as("resynced on the new connection").isFalse();
    assertThat(book.isStale()).isFalse();
    Rebuilt expected = Rebuilt.from(secondSnapshot, afterReconnect);
    assertThat(levels(book.bids())).isEqualTo(expected.bids);
    assertThat(levels(book.asks())).isEqualTo(expected.asks);
  }

  @Test
  void shouldFetchANewSnapshotWhenTheServerSkipsAnUpdate() {
    CompletableFuture<Void> firstSnapshotApplied = new CompletableFuture<>();
    String secondSnapshot =
        snapshot(110, "[[\"100.0\",\"2.0\"],[\"96.0\",\"1.0\"]]", "[[\"101.0\",\"0.5\"]]");
    List<String> afterGap =
        List.of(
            update(108, 111, "[[\"100.0\",\"2.5\"]]", "[]"),
            update(112, 112, "[]", "[[\"101.5\",\"7.0\"]]"));
    server =
        LiveTestServer.start(
                testKit.system(),
                bridgingTheFirstSnapshot(firstSnapshotApplied)
                    // 104-105 skipped by the server
                    .send(update(106, 107, "[[\"96.0\",\"1.0\"]]", "[]"))
                    .send(afterGap))
            .snapshots("BTCUSDT", firstSnapshot(), secondSnapshot);
    LiveVenue venue = live("binance", config(""));

    Run run = run(venue);
    await().atMost(PATIENCE).until(() -> feed.messages() == 1);
    firstSnapshotApplied.complete(null);
    await().atMost(PATIENCE).until(() -> feed.resyncs() == 1 && feed.messages() == 7);
    BinanceBook book = ((BinanceFeed) venue.lastFeed()).book(BTC);
    stop(run);

    assertThat(feed.gaps()).isOne();
    assertThat(feed.disconnects()).isZero();
    assertThat(server.connections()).as("a gap needs no new connection").isOne();
    assertThat(server.snapshotRequests("BTCUSDT")).as("the stale book asked for one").isEqualTo(2);
    assertThat(run.seen()).anyMatch(Seen::isStaleMark);
    Rebuilt expected = Rebuilt.from(secondSnapshot, afterGap);
    assertThat(levels(book.bids())).isEqualTo(expected.bids);
    assertThat(levels(book.asks())).isEqualTo(expected.asks);
  }

  @Test
  void shouldReconnectWhenTheConnectionStaysIdle() {
    server =
        LiveTestServer.start(
                testKit.system(),
                new LiveTestServer.Script().send(BINANCE_ACK),
                new LiveTestServer.Script().send(BINANCE_ACK))
            .snapshots("BTCUSDT", firstSnapshot());
    LiveVenue venue = live("binance", config("meltica.live.idle-timeout = 1s"));

    Run run = run(venue);
    await().atMost(PATIENCE).until(() -> server.connections() >= 2 && feed.resyncs() >= 1);
    stop(run);

    assertThat(feed.disconnects()).isPositive();
    assertThat(server.received(1)).first().isEqualTo(SUBSCRIBE_BTC);
  }

  @Test
  void shouldRefuseASymbolThatIsNotMapped() {
    server = LiveTestServer.start(testKit.system());
    Config config = config("meltica.live.binance.symbols = [BTCUSDT, DOGEUSDT]");

    assertThatThrownBy(() -> live("binance", config))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("meltica.live.binance.symbols")
        .hasMessageContaining("DOGEUSDT")
        .hasMessageContaining("meltica.venue-symbols.binance");
    assertThatThrownBy(() -> live("kraken", config))
        .hasMessageContaining("no live feed for \"kraken\"");
  }

  /**
   * The subscription's answer, then, once the test saw {@link #firstSnapshot()} applied, two
   * updates that bridge it (101-102, 103).
   */
  private static LiveTestServer.Script bridgingTheFirstSnapshot(CompletableFuture<Void> applied) {
    return new LiveTestServer.Script()
        .send(BINANCE_ACK)
        .await(applied)
        .send(
            update(101, 102, "[[\"100.0\",\"1.5\"]]", "[]"),
            update(103, 103, "[]", "[[\"101.0\",\"0.5\"]]"));
  }

  private static String firstSnapshot() {
    return snapshot(
        100,
        "[[\"100.0\",\"1.0\"],[\"99.0\",\"2.0\"]]",
        "[[\"101.0\",\"1.0\"],[\"102.0\",\"2.0\"]]");
  }

  static String snapshot(long lastUpdateId, String bids, String asks) {
    return "{\"lastUpdateId\":" + lastUpdateId + ",\"bids\":" + bids + ",\"asks\":" + asks + "}";
  }

  static String update(long first, long last, String bids, String asks) {
    return "{\"e\":\"depthUpdate\",\"E\":1717236000100,\"s\":\"BTCUSDT\",\"U\":"
        + first
        + ",\"u\":"
        + last
        + ",\"b\":"
        + bids
        + ",\"a\":"
        + asks
        + "}";
  }

  /** The REST body inside a recording's {@code {"snapshot":...,"data":<body>}} line. */
  private static String body(String snapshotLine) throws IOException {
    return JSON.readTree(snapshotLine).get("data").toString();
  }

  private static TreeMap<Long, Long> levels(BookSide side) {
    TreeMap<Long, Long> levels = new TreeMap<>();
    for (int i = 0; i < side.count(); i++) {
      levels.put(side.priceAt(i), side.sizeAt(i));
    }
    return levels;
  }

  /** A book rebuilt from a snapshot body and the updates after it with plain Jackson and maps. */
  private static final class Rebuilt {
    final TreeMap<Long, Long> bids = new TreeMap<>();
    final TreeMap<Long, Long> asks = new TreeMap<>();

    static Rebuilt from(String snapshotBody, List<String> updates) {
      try {
        Rebuilt book = new Rebuilt();
        JsonNode snapshot = JSON.readTree(snapshotBody);
        apply(snapshot.get("bids"), book.bids);
        apply(snapshot.get("asks"), book.asks);
        long lastUpdateId = snapshot.get("lastUpdateId").asLong();
        for (String line : updates) {
          JsonNode update = JSON.readTree(line);
          if (update.get("u").asLong() > lastUpdateId) {
            apply(update.get("b"), book.bids);
            apply(update.get("a"), book.asks);
          }
        }
        return book;
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }

    private static void apply(JsonNode levels, TreeMap<Long, Long> side) {
      for (JsonNode level : levels) {
        long price = FixedPoint.parse(level.get(0).asText());
        long size = FixedPoint.parse(level.get(1).asText());
        if (size == 0) {
          side.remove(price);
        } else {
          side.put(price, size);
        }
      }
    }
  }
}
