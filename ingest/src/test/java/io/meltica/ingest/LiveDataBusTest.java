package io.meltica.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.typesafe.config.ConfigFactory;
import io.meltica.actors.MelticaPipeline;
import io.meltica.actors.MelticaSettings;
import io.meltica.actors.StrategyHandle;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A live venue on the data bus into a real pipeline: the bus's stop ends the venue, closes its
 * socket and stops it reconnecting; every envelope made went back to the pool.
 */
class LiveDataBusTest extends LiveTestSupport {
  @Test
  void shouldStopReconnectingAndCloseTheSocketWhenTheBusStops() {
    server =
        LiveTestServer.start(
                testKit.system(),
                new LiveTestServer.Script()
                    .send(BINANCE_ACK)
                    .send(exampleLines("binance-sample.jsonl", 5, 5)))
            .snapshots(
                "BTCUSDT",
                LiveBinanceTest.snapshot(1, "[[\"1.0\",\"1.0\"]]", "[[\"2.0\",\"1.0\"]]"));
    MelticaPipeline pipeline =
        MelticaPipeline.start(
            testKit.system(),
            MelticaSettings.fromConfig(
                ConfigFactory.parseString("meltica.orchestrator.merge.enabled = off")
                    .withFallback(ConfigFactory.load())),
            "live-bus");
    StrategyHandle strategy = pipeline.subscribe("all", List.of(), (event, ctx) -> {});
    DataBus bus = DataBus.run(testKit.system(), pipeline, List.of(live("binance", config(""))));
    // the snapshot's BOOK_SNAPSHOT and QUOTE, and the trade
    await().atMost(PATIENCE).until(() -> strategy.metrics().delivered() >= 3);

    assertThat(bus.stop().toCompletableFuture()).succeedsWithin(PATIENCE);
    await().atMost(PATIENCE).until(() -> server.openConnections() == 0);
    assertThat(server.connections()).as("no reconnect after the stop").isOne();
    assertThat(feed.disconnects()).as("a stop is not a lost connection").isZero();
    assertThat(pipeline.stop().toCompletableFuture()).succeedsWithin(PATIENCE);
    assertThat(pipeline.pool().inUse()).as(pipeline.pool().leakReport().toString()).isZero();
  }
}
