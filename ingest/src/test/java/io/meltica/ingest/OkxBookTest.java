package io.meltica.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.typesafe.config.ConfigFactory;
import io.meltica.protocol.FixedPoint;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;
import org.apache.pekko.util.ByteString;
import org.junit.jupiter.api.Test;

/**
 * OKX's checksum against the docs' examples, the seqId rules one by one, and the sample's gap and
 * checksum failure each followed by a resync, with the books compared to ones rebuilt independently
 * ({@link OkxReference}) from the file read with plain Jackson.
 */
class OkxBookTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int BTC = StreamTestSupport.BTC;

  private final VenueFeedStats stats = new VenueFeedStats("okx");
  private final List<String> events = new ArrayList<>();
  private final OkxBook book =
      new OkxBook(BTC, "BTC-USDT", 64, stats, new RecordedBookEvents(events));
  private final OkxDecoder decoder =
      new OkxDecoder(VenueSymbols.fromConfig(ConfigFactory.load(), "okx", StreamTestSupport.IDS));
  private long line;

  @Test
  void shouldComputeTheChecksumOfTheDocsExamples() {
    // OKX v5 docs, "Calculate Checksum": example 1 (both sides) and example 2 (fewer bids)
    BookSide bids = side(true, "3366.1", "7", "3366", "6");
    BookSide asks = side(false, "3366.8", "9", "3368", "8");
    assertThat(OkxBook.checksum(bids, asks, new CRC32()))
        .isEqualTo(OkxReference.crc("3366.1:7:3366.8:9:3366:6:3368:8"))
        .isEqualTo(-1881014294); // the value OKX published for this book (v3 docs)

    BookSide oneBid = side(true, "3366.1", "7");
    BookSide threeAsks = side(false, "3366.8", "9", "3368", "8", "3372", "8");
    assertThat(OkxBook.checksum(oneBid, threeAsks, new CRC32()))
        .isEqualTo(OkxReference.crc("3366.1:7:3366.8:9:3368:8:3372:8"))
        .isEqualTo(831078360);
  }

  @Test
  void shouldChecksumOnlyTheBest25LevelsOfEachSideAsReceived() {
    BookSide bids = new BookSide(true, 64, true);
    BookSide asks = new BookSide(false, 64, true);
    StringBuilder expected = new StringBuilder();
    for (int i = 0; i < 30; i++) {
      String bid = (100 - i) + ".10";
      String ask = (101 + i) + ".0";
      bids.set(FixedPoint.parse(bid), FixedPoint.parse("1"), bid, "1.000");
      asks.set(FixedPoint.parse(ask), FixedPoint.parse("2"), ask, "2");
      if (i < 25) {
        expected.append(expected.length() == 0 ? "" : ":");
        expected.append(bid).append(":1.000:").append(ask).append(":2");
      }
    }
    assertThat(OkxBook.checksum(bids, asks, new CRC32()))
        .isEqualTo(OkxReference.crc(expected.toString()));
  }

  @Test
  void shouldFollowSeqIdsThroughKeepAliveAndResetAndFindAGap() throws LineRejected {
    apply(book("snapshot", 10, -1, "[[\"10\",\"1\",\"0\",\"1\"]]", "[[\"11\",\"1\",\"0\",\"1\"]]"));
    apply(book("update", 15, 10, "[[\"10\",\"2\",\"0\",\"1\"]]", "[]"));
    apply(book("update", 15, 15, "[]", "[]")); // keep-alive: no levels, same seqId
    apply(book("update", 3, 15, "[[\"9\",\"1\",\"0\",\"1\"]]", "[]")); // maintenance reset
    apply(book("update", 5, 3, "[]", "[[\"11\",\"4\",\"0\",\"1\"]]"));
    assertThat(book.lastSeqId()).isEqualTo(5);
    assertThat(book.isInSync()).isTrue();
    assertThat(stats.gaps()).isZero();

    apply(book("update", 9, 7, "[[\"9\",\"0\",\"0\",\"0\"]]", "[]"));

    assertThat(book.isStale()).isTrue();
    assertThat(stats.gaps()).isEqualTo(1);
    assertThat(book.bids().count()).as("the gapped update is not applied").isEqualTo(2);
    assertThat(events.get(events.size() - 1)).isEqualTo("BOOK_SNAPSHOT 5 0x0 0x0");
    int marked = events.size();

    apply(book("update", 11, 9, "[[\"10\",\"7\",\"0\",\"1\"]]", "[]"));
    assertThat(events).as("nothing published while stale").hasSize(marked);
    assertThat(stats.gaps()).as("counted once").isEqualTo(1);

    apply(book("snapshot", 20, -1, "[[\"10\",\"3\",\"0\",\"1\"]]", "[[\"12\",\"1\",\"0\",\"1\"]]"));
    assertThat(book.isStale()).isFalse();
    assertThat(stats.resyncs()).isEqualTo(1);
    assertThat(events.subList(marked, events.size()))
        .containsExactly(
            "BOOK_SNAPSHOT 20 1000000000x300000000 1200000000x100000000",
            "QUOTE 20 1000000000x300000000 1200000000x100000000");
  }

  @Test
  void shouldIgnoreUpdatesBeforeTheFirstSnapshotWithoutCountingAGap() throws LineRejected {
    apply(book("update", 15, 10, "[[\"10\",\"2\",\"0\",\"1\"]]", "[]"));

    assertThat(events).isEmpty();
    assertThat(book.isInSync()).isFalse();
    assertThat(book.isStale()).isFalse();
    assertThat(stats.gaps()).isZero();
  }

  @Test
  void shouldMarkTheBookStaleOnABadChecksumAndPublishNothingOfThatUpdate() throws LineRejected {
    apply(book("snapshot", 1, -1, "[[\"10\",\"1\",\"0\",\"1\"]]", "[[\"11\",\"1\",\"0\",\"1\"]]"));
    int before = events.size();

    apply(withChecksum(book("update", 2, 1, "[[\"10.5\",\"1\",\"0\",\"1\"]]", "[]"), 42));

    assertThat(stats.checksumFailures()).isEqualTo(1);
    assertThat(book.isStale()).isTrue();
    assertThat(events.subList(before, events.size())).containsExactly("BOOK_SNAPSHOT 2 0x0 0x0");
  }

  @Test
  void shouldEndTheSampleWithTheBooksOfTheirLastSnapshotsPlusTheUpdatesAfter() throws IOException {
    List<String> lines =
        Files.readAllLines(StreamTestSupport.example("okx-sample.jsonl"), StandardCharsets.UTF_8);
    VenueFeedStats feedStats = new VenueFeedStats("okx");
    OkxFeed feed =
        new OkxFeed(
            "okx-sample.jsonl", decoder, StreamTestSupport.IDS, 64, new IngestStats(), feedStats);
    for (int i = 0; i < lines.size(); i++) {
      feed.onFrame(new LineFramer.Line(i + 1, ByteString.fromString(lines.get(i))));
    }

    assertThat(feedStats.messages()).isEqualTo(17);
    assertThat(feedStats.gaps()).isEqualTo(1);
    assertThat(feedStats.checksumFailures()).isEqualTo(1);
    assertThat(feedStats.resyncs()).isEqualTo(2);
    assertThat(feedStats.booksStale()).as("both stale periods ended by their resyncs").isZero();
    assertThat(feedStats.staleNanos()).isPositive();
    for (String instId : List.of("BTC-USDT", "ETH-USDT")) {
      OkxBook okx = feed.book(instId.equals("BTC-USDT") ? BTC : StreamTestSupport.ETH);
      OkxReference expected = new OkxReference();
      for (String text : lines) {
        JsonNode push = JSON.readTree(text);
        if (push.at("/arg/channel").asText().equals("books")
            && push.at("/arg/instId").asText().equals(instId)) {
          if (push.get("action").asText().equals("snapshot")) {
            expected.clear(); // everything before the last snapshot is replaced by it
          }
          expected.apply(push.get("data").get(0));
        }
      }
      assertThat(okx.isStale()).isFalse();
      assertThat(OkxReference.levels(okx.bids()))
          .as(instId + " bids")
          .isEqualTo(OkxReference.fixedPoint(expected.bids));
      assertThat(OkxReference.levels(okx.asks()))
          .as(instId + " asks")
          .isEqualTo(OkxReference.fixedPoint(expected.asks));
      assertThat(OkxBook.checksum(okx.bids(), okx.asks(), new CRC32()))
          .isEqualTo(expected.checksum());
    }
  }

  @Test
  void shouldHaveTheSampleChecksumsRightExceptThePlantedOnes() throws IOException {
    List<String> lines =
        Files.readAllLines(StreamTestSupport.example("okx-sample.jsonl"), StandardCharsets.UTF_8);
    List<Integer> mismatched = new ArrayList<>();
    java.util.Map<String, OkxReference> books = new java.util.HashMap<>();
    for (int i = 0; i < lines.size(); i++) {
      JsonNode push = JSON.readTree(lines.get(i));
      if (!push.at("/arg/channel").asText().equals("books")) {
        continue;
      }
      OkxReference reference =
          books.computeIfAbsent(push.at("/arg/instId").asText(), k -> new OkxReference());
      if (push.get("action").asText().equals("snapshot")) {
        reference.clear();
      }
      JsonNode data = push.get("data").get(0);
      reference.apply(data);
      if (data.get("checksum").asInt() != reference.checksum()) {
        mismatched.add(i + 1);
      }
    }
    assertThat(mismatched)
        .as("line 13 carries a wrong checksum, line 16 OKX's deprecated 0")
        .containsExactly(13, 16);
  }

  @Test
  void shouldApplyAndChecksumUpdatesWithoutAllocatingInSteadyState() throws IOException {
    RecordedBookEvents counting = new RecordedBookEvents();
    OkxBook quiet = new OkxBook(BTC, "BTC-USDT", 64, stats, counting);
    OkxReference truth = new OkxReference();
    quiet.onMessage(
        parsed(
            1,
            "snapshot",
            0,
            -1,
            "[[\"1000\",\"1\",\"0\",\"1\"]]",
            "[[\"1001\",\"1\",\"0\",\"1\"]]",
            truth));
    int updates = 20_000;
    OkxMessage.Book[] feed = new OkxMessage.Book[updates];
    for (int i = 0; i < updates; i++) {
      long offset = i % 12;
      String bids = "[[\"" + (990 + offset) + ".5\",\"" + (i % 5) + "\",\"0\",\"1\"]]";
      String asks = "[[\"" + (1001 + offset) + "\",\"" + (1 + i % 3) + ".10\",\"0\",\"1\"]]";
      feed[i] = parsed(i + 2, "update", i + 1, i, bids, asks, truth);
    }
    for (int i = 0; i < updates / 2; i++) {
      quiet.onMessage(feed[i]); // warm-up: let the JIT settle
    }
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();

    long before = threads.getCurrentThreadAllocatedBytes();
    for (int i = updates / 2; i < updates; i++) {
      quiet.onMessage(feed[i]);
    }
    long allocated = threads.getCurrentThreadAllocatedBytes() - before;

    assertThat(quiet.lastSeqId()).isEqualTo(updates);
    assertThat(stats.checksumFailures()).as("every checksum was checked and matched").isZero();
    assertThat(stats.gaps()).isZero();
    assertThat(counting.count).as("deltas and quotes were published").isGreaterThan(updates);
    assertThat(allocated)
        .as("10,000 updates with their checksums; 16 bytes each would be 160,000")
        .isLessThan(16 * 1024);
  }

  /** A books message whose checksum {@code truth} computes after applying it. */
  private OkxMessage.Book parsed(
      long lineNumber,
      String action,
      long seq,
      long prev,
      String bids,
      String asks,
      OkxReference truth)
      throws IOException {
    String data = "{\"asks\":" + asks + ",\"bids\":" + bids + "}";
    if (action.equals("snapshot")) {
      truth.clear();
    }
    truth.apply(JSON.readTree(data));
    String json =
        "{\"arg\":{\"channel\":\"books\",\"instId\":\"BTC-USDT\"},\"action\":\""
            + action
            + "\",\"data\":[{\"asks\":"
            + asks
            + ",\"bids\":"
            + bids
            + ",\"ts\":\"1\",\"checksum\":"
            + truth.checksum()
            + ",\"prevSeqId\":"
            + prev
            + ",\"seqId\":"
            + seq
            + "}]}";
    try {
      return (OkxMessage.Book) decoder.decode(lineNumber, json.getBytes(StandardCharsets.UTF_8));
    } catch (LineRejected e) {
      throw new AssertionError(e.detail, e);
    }
  }

  private void apply(OkxMessage.Book message) {
    book.onMessage(message);
  }

  /** A books line with the checksum the reference computes after applying it. */
  private final OkxReference reference = new OkxReference();

  private OkxMessage.Book book(String action, long seq, long prev, String bids, String asks)
      throws LineRejected {
    String json =
        "{\"arg\":{\"channel\":\"books\",\"instId\":\"BTC-USDT\"},\"action\":\""
            + action
            + "\",\"data\":[{\"asks\":"
            + asks
            + ",\"bids\":"
            + bids
            + ",\"ts\":\"1\",\"checksum\":CHECKSUM,\"prevSeqId\":"
            + prev
            + ",\"seqId\":"
            + seq
            + "}]}";
    try {
      JsonNode data = JSON.readTree(json.replace("CHECKSUM", "0")).get("data").get(0);
      if (action.equals("snapshot")) {
        reference.clear();
      }
      if (prev == -1 || prev == book.lastSeqId()) {
        reference.apply(data);
      }
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    String withSum = json.replace("CHECKSUM", Integer.toString(reference.checksum()));
    return (OkxMessage.Book) decoder.decode(++line, withSum.getBytes(StandardCharsets.UTF_8));
  }

  private static OkxMessage.Book withChecksum(OkxMessage.Book book, int checksum) {
    return new OkxMessage.Book(
        book.lineNumber(),
        book.instrumentId(),
        book.snapshot(),
        book.seqId(),
        book.prevSeqId(),
        checksum,
        book.timeNanos(),
        book.bids(),
        book.asks());
  }

  private static BookSide side(boolean bids, String... priceSize) {
    BookSide side = new BookSide(bids, 64, true);
    for (int i = 0; i < priceSize.length; i += 2) {
      side.set(
          FixedPoint.parse(priceSize[i]),
          FixedPoint.parse(priceSize[i + 1]),
          priceSize[i],
          priceSize[i + 1]);
    }
    return side;
  }
}
