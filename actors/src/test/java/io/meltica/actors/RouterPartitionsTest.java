package io.meltica.actors;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.meltica.protocol.ControlResult;
import io.meltica.protocol.EventKind;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A pipeline whose fan-out is shared by three routers ({@code meltica.router.partitions = 3}). */
class RouterPartitionsTest extends ActorTestSupport {
  private static final int PER_INSTRUMENT = 200;
  private static final List<String> SYMBOLS = List.of("BTC-USDT", "ETH-USDT", "SOL-USDT");

  private final Map<String, Queue<String>> seen = new ConcurrentHashMap<>();
  private MelticaPipeline pipeline;

  @Override
  protected Config systemConfig() {
    return ConfigFactory.parseString(
            "meltica.pool.capacity = 2048\n"
                + "meltica.router.partitions = 3\n"
                + "meltica.orchestrator.merge.enabled = off")
        .withFallback(ConfigFactory.load());
  }

  @BeforeEach
  void startPipeline() {
    pipeline = startPipeline("partitioned");
  }

  /** Records "kind instrument price version" per strategy. */
  private void subscribe(String name) {
    Queue<String> log = seen.computeIfAbsent(name, n -> new ConcurrentLinkedQueue<>());
    pipeline.subscribe(
        name,
        List.of(),
        (event, ctx) ->
            log.add(
                event.kind()
                    + " "
                    + event.instrumentId()
                    + " "
                    + event.price()
                    + " v"
                    + event.routingVersion()));
  }

  private void publishRound(int rounds, long firstPrice) {
    for (int i = 0; i < rounds; i++) {
      for (String symbol : SYMBOLS) {
        pipeline.publish(
            asTrade(pipeline.acquire(), pipeline.ids().instrumentId(symbol), firstPrice + i));
      }
    }
  }

  private List<String> tradesOf(String strategy, int instrumentId) {
    return seen.get(strategy).stream()
        .filter(line -> line.startsWith("TRADE " + instrumentId + " "))
        .collect(Collectors.toList());
  }

  @Test
  void shouldDeliverEachInstrumentInPublishOrderToEveryStrategy() {
    subscribe("a");
    subscribe("b");

    publishRound(PER_INSTRUMENT, 1);

    awaitTrue(() -> seen.get("a").size() + seen.get("b").size() == 2 * 3 * PER_INSTRUMENT);
    for (String strategy : List.of("a", "b")) {
      for (int instrument = 1; instrument <= 3; instrument++) {
        List<Long> prices =
            tradesOf(strategy, instrument).stream()
                .map(line -> Long.parseLong(line.split(" ")[2]))
                .toList();
        assertThat(prices).as(strategy + ", instrument " + instrument).isSorted();
        assertThat(prices).hasSize(PER_INSTRUMENT).doesNotHaveDuplicates();
      }
    }
    assertThat(pipeline.metrics().router().deliveries()).isEqualTo(2L * 3 * PER_INSTRUMENT);
  }

  @Test
  void shouldCompleteAFlipOnlyOnceEveryRouterHasRaisedEveryStrategy() {
    subscribe("a");
    subscribe("b");
    publishRound(10, 1);

    ControlResult result =
        pipeline.flipRouting().toCompletableFuture().orTimeout(10, TimeUnit.SECONDS).join();
    publishRound(10, 100);

    assertThat(result.routingVersion()).isEqualTo(2);
    awaitTrue(() -> countOf("a", "v2") == 3 * 10 + 2 && countOf("b", "v2") == 3 * 10 + 2);
    for (String strategy : List.of("a", "b")) {
      List<String> control =
          seen.get(strategy).stream().filter(line -> line.startsWith("CONTROL")).toList();
      assertThat(control)
          .as(strategy + ": the ack, then the result")
          .extracting(line -> line.split(" ")[0])
          .containsExactly(EventKind.CONTROL_ACK.name(), EventKind.CONTROL_RESULT.name());
    }
    assertThat(pipeline.metrics().router().minVersionBroadcast()).isEqualTo(2);
  }

  private void awaitTrue(BooleanSupplier condition) {
    testKit
        .createTestProbe()
        .awaitAssert(
            Duration.ofSeconds(10),
            () -> {
              assertThat(condition.getAsBoolean()).isTrue();
              return null;
            });
  }

  private long countOf(String strategy, String version) {
    return seen.get(strategy).stream().filter(line -> line.endsWith(" " + version)).count();
  }
}
