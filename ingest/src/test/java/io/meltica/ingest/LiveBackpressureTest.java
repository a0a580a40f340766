package io.meltica.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.meltica.protocol.EventKind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.japi.Pair;
import org.apache.pekko.stream.KillSwitches;
import org.apache.pekko.stream.UniqueKillSwitch;
import org.apache.pekko.stream.javadsl.Keep;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.SinkQueueWithCancel;
import org.junit.jupiter.api.Test;

/**
 * A slow consumer holds the venue back: the server can only send as far ahead of what was consumed
 * as the buffers on the way hold, and nothing is lost or reordered.
 */
class LiveBackpressureTest extends LiveTestSupport {
  private static final int MESSAGES = 6_000;

  /**
   * The socket buffers are pinned (64 KiB each way): left to Linux's autotuning a loopback receive
   * buffer may grow to tens of megabytes, which would hold the whole recording.
   */
  @Override
  protected Config systemConfig() {
    return ConfigFactory.parseString(
            "pekko.http.client.socket-options.so-receive-buffer-size = 64KiB\n"
                + "pekko.http.server.socket-options.so-send-buffer-size = 64KiB")
        .withFallback(ConfigFactory.load());
  }

  @Test
  void shouldHoldTheVenueBackWhileTheConsumerDoesNotPull() throws Exception {
    List<String> trades = new ArrayList<>();
    for (int id = 1; id <= MESSAGES; id++) {
      trades.add(tradeOfAboutOneKiB(id));
    }
    server =
        LiveTestServer.start(
                testKit.system(), new LiveTestServer.Script().send(BINANCE_ACK).send(trades))
            .snapshots(
                "BTCUSDT",
                LiveBinanceTest.snapshot(1, "[[\"1.0\",\"1.0\"]]", "[[\"2.0\",\"1.0\"]]"));
    LiveVenue venue = live("binance", config(""));
    Pair<UniqueKillSwitch, SinkQueueWithCancel<Seen>> running =
        seen(venue)
            .filter(seen -> seen.kind() == EventKind.TRADE)
            .viaMat(KillSwitches.single(), Keep.right())
            .toMat(Sink.queue(), Keep.both())
            .run(testKit.system());
    SinkQueueWithCancel<Seen> consumer = running.second();
    // A bound far above what the buffers hold (a few hundred messages of 1 KiB), far below the
    // recording: reaching it would mean something on the way buffers without limit.
    long bound = 1_500;

    long consumed = 0;
    long furthestAhead = 0;
    while (consumed < 10) {
      assertThat(take(consumer).sequence()).isEqualTo(++consumed);
    }
    final long pausedAt = consumed;
    // The consumer stops pulling: for a whole second the server gets no further than the bound.
    await()
        .during(Duration.ofSeconds(1))
        .atMost(PATIENCE)
        .until(() -> server.sent() - pausedAt <= bound);
    long sentWhilePaused = server.sent();
    assertThat(sentWhilePaused).as("held back, not done").isLessThan(MESSAGES);
    while (consumed < MESSAGES) {
      assertThat(take(consumer).sequence()).as("in order, none lost").isEqualTo(++consumed);
      furthestAhead = Math.max(furthestAhead, server.sent() - consumed);
    }
    running.first().shutdown();
    await().atMost(PATIENCE).until(() -> server.openConnections() == 0);

    // Measured on a 2-core machine: about 420 sent while paused at 10, at most about 450 ahead.
    assertThat(furthestAhead).isLessThanOrEqualTo(bound);
    assertThat(server.sent())
        .as("the trades and the subscription's answer")
        .isEqualTo(MESSAGES + 1);
    assertThat(feed.disconnects()).isZero();
  }

  private static Seen take(SinkQueueWithCancel<Seen> consumer) throws Exception {
    CompletionStage<java.util.Optional<Seen>> next = consumer.pull();
    return next.toCompletableFuture().get(PATIENCE.toSeconds(), TimeUnit.SECONDS).orElseThrow();
  }

  /** A Binance trade padded to about 1 KiB in a field the decoder does not read. */
  private static String tradeOfAboutOneKiB(long id) {
    return "{\"e\":\"trade\",\"E\":1717236000250,\"s\":\"BTCUSDT\",\"t\":"
        + id
        + ",\"p\":\"67012.00000000\",\"q\":\"0.01500000\",\"T\":1717236000249,\"m\":false,"
        + "\"M\":true,\"pad\":\""
        + "x".repeat(900)
        + "\"}";
  }
}
