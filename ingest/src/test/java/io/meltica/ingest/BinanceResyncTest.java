package io.meltica.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.typesafe.config.ConfigFactory;
import io.meltica.ingest.BinanceMessage.DepthSnapshot;
import io.meltica.ingest.BinanceMessage.DepthUpdate;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.apache.pekko.util.ByteString;
import org.junit.jupiter.api.Test;

/**
 * Gap, stale, resync, and the book afterwards compared with one rebuilt independently: from the
 * sample file read with plain Jackson, and from a long generated feed with gaps whose true book the
 * generator keeps.
 */
class BinanceResyncTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final VenueFeedStats feedStats = new VenueFeedStats("binance");

  @Test
  void shouldEndTheSampleWithTheBookOfItsLastSnapshotPlusTheUpdatesAfterIt() throws IOException {
    List<String> lines =
        Files.readAllLines(
            StreamTestSupport.example("binance-sample.jsonl"), StandardCharsets.UTF_8);
    BinanceFeed feed =
        new BinanceFeed(
            "binance-sample.jsonl",
            new BinanceDecoder(
                VenueSymbols.fromConfig(ConfigFactory.load(), "binance", StreamTestSupport.IDS)),
            StreamTestSupport.IDS,
            64,
            16,
            new IngestStats(),
            feedStats);
    for (int i = 0; i < lines.size(); i++) {
      feed.onFrame(new LineFramer.Line(i + 1, ByteString.fromString(lines.get(i))));
    }

    assertThat(feedStats.gaps()).isEqualTo(1);
    assertThat(feedStats.resyncs()).isEqualTo(1);
    for (String symbol : List.of("BTCUSDT", "ETHUSDT")) {
      BinanceBook book =
          feed.book(symbol.equals("BTCUSDT") ? StreamTestSupport.BTC : StreamTestSupport.ETH);
      assertThat(book.isStale()).isFalse();
      Reference expected = Reference.rebuiltFrom(lines, symbol);
      assertThat(BookTestSupport.levelsOf(book.bids()))
          .as(symbol + " bids")
          .isEqualTo(expected.bids);
      assertThat(BookTestSupport.levelsOf(book.asks()))
          .as(symbol + " asks")
          .isEqualTo(expected.asks);
    }
  }

  @Test
  void shouldMatchTheTrueBookAfterEveryResyncOfALongFeedWithGaps() {
    SplittableRandom random = new SplittableRandom(14);
    TreeMap<Long, Long> trueBids = new TreeMap<>(Comparator.reverseOrder());
    TreeMap<Long, Long> trueAsks = new TreeMap<>();
    BinanceBook book = new BinanceBook(1, "BTC-USDT", 256, 64, feedStats, new RecordedBookEvents());
    long updateId = 1000;
    book.onSnapshot(snapshotOf(updateId, trueBids, trueAsks));
    int gaps = 0;
    for (int round = 0; round < 200; round++) {
      long first = updateId + 1;
      updateId += 1 + random.nextInt(3);
      DepthUpdate update = randomUpdate(random, first, updateId, trueBids, trueAsks);
      boolean lost = random.nextInt(20) == 0;
      if (lost) {
        gaps++;
      } else {
        book.onUpdate(update);
      }
      if (lost) {
        // the recording's next snapshot comes a few updates later, which arrive meanwhile
        for (int later = 0; later < 3; later++) {
          long from = updateId + 1;
          updateId += 1 + random.nextInt(2);
          book.onUpdate(randomUpdate(random, from, updateId, trueBids, trueAsks));
        }
        long snapshotAt = updateId - random.nextInt(3); // may be older than the last update
        book.onSnapshot(snapshotOfUpTo(snapshotAt, updateId, trueBids, trueAsks));
      }
      if (!book.isStale()) {
        assertThat(BookTestSupport.levelsOf(book.bids()))
            .as("bids after round " + round)
            .isEqualTo(trueBids);
        assertThat(BookTestSupport.levelsOf(book.asks()))
            .as("asks after round " + round)
            .isEqualTo(trueAsks);
      }
    }
    assertThat(gaps).isGreaterThan(3);
    assertThat(feedStats.gaps()).isEqualTo(gaps);
    assertThat(feedStats.resyncs()).isEqualTo(gaps);
    assertThat(book.isStale()).isFalse();
  }

  // The generator's history, to make a snapshot as of an earlier update id.
  private final TreeMap<Long, Map<String, TreeMap<Long, Long>>> history = new TreeMap<>();

  private DepthUpdate randomUpdate(
      SplittableRandom random,
      long first,
      long last,
      TreeMap<Long, Long> bids,
      TreeMap<Long, Long> asks) {
    BookLevels bidLevels = randomLevels(random, 9_000, bids);
    BookLevels askLevels = randomLevels(random, 9_050, asks);
    history.put(last, Map.of("bids", new TreeMap<>(bids), "asks", new TreeMap<>(asks)));
    return new DepthUpdate(last, 1, first, last, 0, bidLevels, askLevels);
  }

  private static BookLevels randomLevels(
      SplittableRandom random, long base, TreeMap<Long, Long> side) {
    int count = random.nextInt(4);
    long[] prices = new long[count];
    long[] sizes = new long[count];
    for (int i = 0; i < count; i++) {
      prices[i] = base + random.nextInt(-40, 40);
      sizes[i] = random.nextInt(3) == 0 ? 0 : 1 + random.nextInt(100);
      if (sizes[i] == 0) {
        side.remove(prices[i]);
      } else {
        side.put(prices[i], sizes[i]);
      }
    }
    return new BookLevels(prices, sizes);
  }

  private DepthSnapshot snapshotOfUpTo(
      long snapshotAt, long latest, TreeMap<Long, Long> bids, TreeMap<Long, Long> asks) {
    Map.Entry<Long, Map<String, TreeMap<Long, Long>>> at = history.floorEntry(snapshotAt);
    if (snapshotAt == latest || at == null) {
      return snapshotOf(latest, bids, asks);
    }
    return snapshotOf(at.getKey(), at.getValue().get("bids"), at.getValue().get("asks"));
  }

  private static DepthSnapshot snapshotOf(
      long lastUpdateId, TreeMap<Long, Long> bids, TreeMap<Long, Long> asks) {
    return new DepthSnapshot(0, 1, lastUpdateId, levelsOf(bids), levelsOf(asks));
  }

  private static BookLevels levelsOf(TreeMap<Long, Long> side) {
    long[] prices = side.keySet().stream().mapToLong(Long::longValue).toArray();
    long[] sizes = side.values().stream().mapToLong(Long::longValue).toArray();
    return new BookLevels(prices, sizes);
  }

  /**
   * The book by Binance's definition, without any of the code under test: the symbol's last
   * snapshot, then every depth update of the file with {@code u} after its {@code lastUpdateId}.
   */
  private record Reference(TreeMap<Long, Long> bids, TreeMap<Long, Long> asks) {
    static Reference rebuiltFrom(List<String> lines, String symbol) throws IOException {
      JsonNode snapshot = null;
      for (String line : lines) {
        JsonNode node = JSON.readTree(line);
        if (symbol.equals(node.path("snapshot").asText())) {
          snapshot = node.get("data");
        }
      }
      Reference book = new Reference(new TreeMap<>(), new TreeMap<>());
      book.apply(snapshot.get("bids"), book.bids);
      book.apply(snapshot.get("asks"), book.asks);
      long lastUpdateId = snapshot.get("lastUpdateId").asLong();
      for (String line : lines) {
        JsonNode node = JSON.readTree(line);
        JsonNode data = node.has("stream") ? node.get("data") : node;
        if ("depthUpdate".equals(data.path("e").asText())
            && symbol.equals(data.get("s").asText())
            && data.get("u").asLong() > lastUpdateId) {
          book.apply(data.get("b"), book.bids);
          book.apply(data.get("a"), book.asks);
        }
      }
      return book;
    }

    void apply(JsonNode levels, TreeMap<Long, Long> side) {
      for (JsonNode level : levels) {
        long price = satoshis(level.get(0).asText());
        long size = satoshis(level.get(1).asText());
        if (size == 0) {
          side.remove(price);
        } else {
          side.put(price, size);
        }
      }
    }

    private static long satoshis(String decimal) {
      return new BigDecimal(decimal).movePointRight(8).longValueExact();
    }
  }
}
