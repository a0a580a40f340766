package io.meltica.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.typesafe.config.ConfigFactory;
import io.meltica.protocol.EventKind;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The OKX live feed against a local WebSocket server playing the OKX sample: the subscription's
 * shape, snapshots on the socket, the acknowledgements and the {@code ping}/{@code pong} heartbeat
 * skipped, and a stale book resubscribed.
 */
class LiveOkxTest extends LiveTestSupport {
  private static final String BOOKS_BTC = "{\"channel\":\"books\",\"instId\":\"BTC-USDT\"}";
  private static final String BOOKS_ETH = "{\"channel\":\"books\",\"instId\":\"ETH-USDT\"}";
  private static final String LAST_TRADE =
      "{\"arg\":{\"channel\":\"trades\",\"instId\":\"BTC-USDT\"},\"data\":[{\"instId\":\"BTC-USDT\","
          + "\"tradeId\":\"999\",\"px\":\"42219.9\",\"sz\":\"0.1\",\"side\":\"buy\","
          + "\"ts\":\"1630048897897\"}]}";

  @Test
  void shouldSubscribeSkipTheChatterAndDeliverWhatTheReplayDelivers() {
    server =
        LiveTestServer.start(
            testKit.system(),
            new LiveTestServer.Script()
                .send(
                    "{\"event\":\"subscribe\",\"arg\":" + BOOKS_BTC + ",\"connId\":\"a4d3ae55\"}",
                    "{\"event\":\"subscribe\",\"arg\":" + BOOKS_ETH + ",\"connId\":\"a4d3ae55\"}")
                .send(exampleLines("okx-sample.jsonl", 1, 17))
                .answer("ping", "pong")
                .send(LAST_TRADE));
    LiveVenue venue =
        live(
            "okx",
            config(
                "meltica.live.okx { symbols = [\"BTC-USDT\", \"ETH-USDT\"], ping-interval = 300ms }"));
    List<Seen> expected =
        new ArrayList<>(
            runToList(
                seen(
                    new OkxVenue(
                        example("okx-sample.jsonl"),
                        ConfigFactory.load(),
                        IDS,
                        new IngestStats(),
                        new VenueFeedStats("okx")))));

    Run run = run(venue);
    await()
        .atMost(PATIENCE)
        .until(
            () ->
                run.seen().stream()
                    .anyMatch(s -> s.kind() == EventKind.TRADE && s.sequence() == 999));
    stop(run);

    List<Seen> seen = new ArrayList<>(run.seen());
    assertThat(seen.remove(seen.size() - 1).sequence()).isEqualTo(999);
    assertThat(seen).containsExactlyElementsOf(expected);
    List<String> received = server.received(0);
    assertThat(received.get(0))
        .isEqualTo(
            "{\"op\":\"subscribe\",\"args\":["
                + BOOKS_BTC
                + ",{\"channel\":\"trades\",\"instId\":\"BTC-USDT\"},"
                + BOOKS_ETH
                + ",{\"channel\":\"trades\",\"instId\":\"ETH-USDT\"}]}");
    assertThat(received)
        .as("the gap and the checksum failure each resubscribed their book; then the heartbeat")
        .containsSubsequence(
            "{\"op\":\"unsubscribe\",\"args\":[" + BOOKS_BTC + "]}",
            "{\"op\":\"subscribe\",\"args\":[" + BOOKS_BTC + "]}",
            "{\"op\":\"unsubscribe\",\"args\":[" + BOOKS_ETH + "]}",
            "{\"op\":\"subscribe\",\"args\":[" + BOOKS_ETH + "]}",
            "ping");
    assertThat(feed.gaps()).isOne();
    assertThat(feed.checksumFailures()).isOne();
    assertThat(feed.resyncs()).as("from the snapshots in the stream").isEqualTo(2);
    assertThat(feed.decodeRejects()).as("acknowledgements and pong skipped").isZero();
    assertThat(ingest.rejectedTotal()).isZero();
  }
}
