package io.meltica.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.typesafe.config.ConfigFactory;
import io.meltica.protocol.FixedPoint;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.apache.pekko.util.ByteString;
import org.junit.jupiter.api.Test;

/**
 * Gap, stale, resync, and the book afterwards compared with one rebuilt independently: from the
 * sample file read with plain Jackson, and from a long generated feed whose match sequences skip
 * (as on the live matches channel) and whose outages drop a match and a level2 update together, the
 * generator keeping the true book.
 */
class CoinbaseResyncTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final VenueFeedStats feedStats = new VenueFeedStats("coinbase");
  private final CoinbaseFeed feed =
      new CoinbaseFeed(
          "coinbase.jsonl",
          new CoinbaseDecoder(
              VenueSymbols.fromConfig(ConfigFactory.load(), "coinbase", StreamTestSupport.IDS)),
          StreamTestSupport.IDS,
          256,
          new IngestStats(),
          feedStats);
  private long lineNumber;

  private List<ReplayRecord> send(String json) {
    return feed.onFrame(new LineFramer.Line(++lineNumber, ByteString.fromString(json)));
  }

  @Test
  void shouldEndTheSampleWithTheBookOfItsLastSnapshotPlusTheUpdatesAfterIt() throws IOException {
    List<String> lines =
        Files.readAllLines(
            StreamTestSupport.example("coinbase-sample.jsonl"), StandardCharsets.UTF_8);
    for (String line : lines) {
      send(line);
    }

    assertThat(feedStats.gaps()).isEqualTo(1);
    assertThat(feedStats.resyncs()).isEqualTo(1);
    assertThat(feedStats.decodeRejects()).isZero();
    for (String product : List.of("BTC-USDT", "ETH-USDT")) {
      CoinbaseBook book =
          feed.book(product.equals("BTC-USDT") ? StreamTestSupport.BTC : StreamTestSupport.ETH);
      assertThat(book.isStale()).isFalse();
      Reference expected = Reference.rebuiltFrom(lines, product);
      assertThat(BookTestSupport.levelsOf(book.bids()))
          .as(product + " bids")
          .isEqualTo(expected.bids);
      assertThat(BookTestSupport.levelsOf(book.asks()))
          .as(product + " asks")
          .isEqualTo(expected.asks);
    }
  }

  @Test
  void shouldMatchTheTrueBookAfterEveryResyncOfALongFeedWithOutages() {
    SplittableRandom random = new SplittableRandom(14);
    TreeMap<Long, Long> trueBids = new TreeMap<>(Comparator.reverseOrder());
    TreeMap<Long, Long> trueAsks = new TreeMap<>();
    CoinbaseBook book = feed.book(StreamTestSupport.BTC);
    send(snapshotOf(trueBids, trueAsks));
    long tradeId = 1000;
    long sequence = 50_000;
    int outages = 0;
    for (int round = 0; round < 300; round++) {
      boolean outage = random.nextInt(25) == 0;
      String update = randomUpdate(random, trueBids, trueAsks);
      tradeId += 1;
      sequence += 1 + random.nextInt(6); // the full channel's messages in between: not a loss
      if (outage) {
        outages++; // the update and the match are lost; the next match's trade_id shows it
        tradeId += 1;
        sequence += 1 + random.nextInt(6);
        send(match(tradeId, sequence));
        assertThat(book.isStale()).as("stale after the outage of round " + round).isTrue();
        send(randomUpdate(random, trueBids, trueAsks)); // arrives, but cannot be trusted
        send(snapshotOf(trueBids, trueAsks));
      } else {
        send(update);
        send(match(tradeId, sequence));
      }
      assertThat(book.isStale()).isFalse();
      assertThat(units(book.bids())).as("bids after round " + round).isEqualTo(trueBids);
      assertThat(units(book.asks())).as("asks after round " + round).isEqualTo(trueAsks);
    }
    assertThat(outages).isGreaterThan(3);
    assertThat(feedStats.gaps()).isEqualTo(outages);
    assertThat(feedStats.resyncs()).isEqualTo(outages);
  }

  @Test
  void shouldNotSeeALostL2UpdateAloneWhichIsTheRulesDocumentedLimit() {
    TreeMap<Long, Long> trueBids = new TreeMap<>(Comparator.reverseOrder());
    TreeMap<Long, Long> trueAsks = new TreeMap<>();
    trueBids.put(9_000L, 1L);
    trueAsks.put(9_050L, 1L);
    send(snapshotOf(trueBids, trueAsks));
    send(match(1, 10));
    randomUpdate(new SplittableRandom(3), trueBids, trueAsks); // lost: never sent
    send(match(2, 17));

    CoinbaseBook book = feed.book(StreamTestSupport.BTC);
    assertThat(book.isInSync()).as("level2 has no sequence: nothing shows the loss").isTrue();
    assertThat(feedStats.gaps()).isZero();
    assertThat(List.of(units(book.bids()), units(book.asks())))
        .isNotEqualTo(List.of(trueBids, trueAsks));
  }

  private static String match(long tradeId, long sequence) {
    return "{\"type\":\"match\",\"trade_id\":"
        + tradeId
        + ",\"sequence\":"
        + sequence
        + ",\"product_id\":\"BTC-USDT\",\"price\":\"100\",\"size\":\"1\",\"side\":\"buy\","
        + "\"time\":\"2026-06-01T00:00:00Z\"}";
  }

  /** One or two level changes, applied to the true book and written as an {@code l2update}. */
  private static String randomUpdate(
      SplittableRandom random, TreeMap<Long, Long> bids, TreeMap<Long, Long> asks) {
    List<String> changes = new ArrayList<>();
    for (int i = 1 + random.nextInt(2); i > 0; i--) {
      boolean buy = random.nextBoolean();
      long price = (buy ? 9_000 : 9_050) + random.nextInt(40);
      long size = random.nextInt(4) == 0 ? 0 : 1 + random.nextInt(100);
      TreeMap<Long, Long> side = buy ? bids : asks;
      if (size == 0) {
        side.remove(price);
      } else {
        side.put(price, size);
      }
      changes.add("[\"" + (buy ? "buy" : "sell") + "\",\"" + price + "\",\"" + size + "\"]");
    }
    return "{\"type\":\"l2update\",\"product_id\":\"BTC-USDT\",\"changes\":["
        + String.join(",", changes)
        + "],\"time\":\"2026-06-01T00:00:00.5Z\"}";
  }

  private static String snapshotOf(TreeMap<Long, Long> bids, TreeMap<Long, Long> asks) {
    return "{\"type\":\"snapshot\",\"product_id\":\"BTC-USDT\",\"bids\":"
        + pairs(bids)
        + ",\"asks\":"
        + pairs(asks)
        + "}";
  }

  private static String pairs(TreeMap<Long, Long> side) {
    List<String> pairs = new ArrayList<>();
    side.forEach((price, size) -> pairs.add("[\"" + price + "\",\"" + size + "\"]"));
    return "[" + String.join(",", pairs) + "]";
  }

  /** The side's levels in whole units, as the generator's true book holds them. */
  private static TreeMap<Long, Long> units(BookSide side) {
    TreeMap<Long, Long> levels = new TreeMap<>();
    for (int i = 0; i < side.count(); i++) {
      levels.put(side.priceAt(i) / FixedPoint.SCALE, side.sizeAt(i) / FixedPoint.SCALE);
    }
    return levels;
  }

  /**
   * The book a product must end with, rebuilt from the file with plain Jackson and {@link
   * BigDecimal}, without Meltica's code: the levels of its last snapshot, then every {@code
   * l2update} after it.
   */
  private record Reference(TreeMap<Long, Long> bids, TreeMap<Long, Long> asks) {
    static Reference rebuiltFrom(List<String> lines, String product) throws IOException {
      Map<String, TreeMap<Long, Long>> sides = new HashMap<>();
      sides.put("buy", new TreeMap<>());
      sides.put("sell", new TreeMap<>());
      for (String line : lines) {
        JsonNode message = JSON.readTree(line);
        if (!product.equals(message.path("product_id").asText())) {
          continue;
        }
        switch (message.get("type").asText()) {
          case "snapshot" -> {
            sides.get("buy").clear();
            sides.get("sell").clear();
            message.get("bids").forEach(pair -> put(sides.get("buy"), pair.get(0), pair.get(1)));
            message.get("asks").forEach(pair -> put(sides.get("sell"), pair.get(0), pair.get(1)));
          }
          case "l2update" ->
              message
                  .get("changes")
                  .forEach(c -> put(sides.get(c.get(0).asText()), c.get(1), c.get(2)));
          default -> {}
        }
      }
      return new Reference(sides.get("buy"), sides.get("sell"));
    }

    private static void put(TreeMap<Long, Long> side, JsonNode price, JsonNode size) {
      long p = new BigDecimal(price.asText()).movePointRight(8).longValueExact();
      long s = new BigDecimal(size.asText()).movePointRight(8).longValueExact();
      if (s == 0) {
        side.remove(p);
      } else {
        side.put(p, s);
      }
    }
  }
}
