package io.meltica.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.typesafe.config.ConfigFactory;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The Coinbase live feed against a local WebSocket server playing the Coinbase sample: the
 * subscription's shape, its answer skipped, snapshots on the socket, a book made stale by a lost
 * match resubscribed, and a dropped connection resynced from the new connection's snapshot.
 */
class LiveCoinbaseTest extends LiveTestSupport {
  private static final String SUBSCRIBE =
      "{\"type\":\"subscribe\",\"product_ids\":[\"BTC-USDT\",\"ETH-USDT\"],"
          + "\"channels\":[\"level2_batch\",\"matches\",\"ticker\",\"heartbeat\"]}";
  private static final String PRODUCTS =
      "meltica.live.coinbase.symbols = [\"BTC-USDT\", \"ETH-USDT\"]";

  @Test
  void shouldSubscribeSkipTheAnswerAndDeliverWhatTheReplayDelivers() {
    server =
        LiveTestServer.start(
            testKit.system(),
            new LiveTestServer.Script().send(exampleLines("coinbase-sample.jsonl", 1, 18)));
    LiveVenue venue = live("coinbase", config(PRODUCTS));
    List<Seen> expected =
        runToList(
            seen(
                new CoinbaseVenue(
                    example("coinbase-sample.jsonl"),
                    ConfigFactory.load(),
                    IDS,
                    new IngestStats(),
                    new VenueFeedStats("coinbase"))));

    Run run = run(venue);
    await().atMost(PATIENCE).until(() -> run.seen().size() >= expected.size());
    stop(run);

    assertThat(run.seen()).containsExactlyElementsOf(expected);
    assertThat(server.received(0))
        .as("subscribed, then the book the lost match made stale resubscribed")
        .containsExactly(
            SUBSCRIBE,
            "{\"type\":\"unsubscribe\",\"product_ids\":[\"BTC-USDT\"],\"channels\":[\"level2_batch\"]}",
            "{\"type\":\"subscribe\",\"product_ids\":[\"BTC-USDT\"],\"channels\":[\"level2_batch\"]}");
    assertThat(feed.gaps()).as("trade_id 14 after 11").isOne();
    assertThat(feed.resyncs()).as("from the snapshot in the stream").isOne();
    assertThat(feed.messages()).as("the subscriptions answer skipped").isEqualTo(17);
    assertThat(feed.decodeRejects()).isZero();
    assertThat(feed.lag().count()).as("trades and updates carry Coinbase's time").isPositive();
  }

  @Test
  void shouldResyncFromTheNewConnectionsSnapshotAfterTheConnectionDropped() {
    List<String> firstConnection = exampleLines("coinbase-sample.jsonl", 1, 6);
    List<String> secondConnection = exampleLines("coinbase-sample.jsonl", 14, 15);
    server =
        LiveTestServer.start(
            testKit.system(),
            new LiveTestServer.Script().send(firstConnection).thenClose(),
            new LiveTestServer.Script().send(secondConnection));
    LiveVenue venue = live("coinbase", config(PRODUCTS));

    Run run = run(venue);
    await().atMost(PATIENCE).until(() -> feed.resyncs() == 1 && feed.messages() == 5 + 2);
    CoinbaseBook btc = ((CoinbaseFeed) venue.lastFeed()).book(BTC);
    stop(run);

    assertThat(server.connections()).isEqualTo(2);
    assertThat(server.received(1)).as("resubscribed").containsExactly(SUBSCRIBE);
    assertThat(feed.disconnects()).isOne();
    assertThat(feed.gaps()).as("a lost connection is not a gap").isZero();
    assertThat(btc.isStale()).isFalse();
    assertThat(feed.booksStale())
        .as("ETH-USDT, in sync before the drop, waits for a snapshot the server never sends")
        .isOne();
  }
}
