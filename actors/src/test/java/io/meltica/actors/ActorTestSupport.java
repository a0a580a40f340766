package io.meltica.actors;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.meltica.pool.EventPool;
import io.meltica.pool.PoolConfig;
import io.meltica.pool.RecycleReason;
import io.meltica.pool.Recycler;
import io.meltica.protocol.ConsumerMessage;
import io.meltica.protocol.Event;
import io.meltica.protocol.EventKind;
import io.meltica.protocol.IdRegistry;
import io.meltica.supervision.FailureAggregator;
import io.meltica.supervision.SupervisionSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A fresh ActorSystem and pool per test; after each test the system must have terminated and no
 * envelope may be out, in the test's pool or in any pool registered with {@link #checkNoLeaks}.
 */
@ExtendWith(LogCapturingExtension.class)
abstract class ActorTestSupport {
  /** Short: only for checking that something does NOT arrive. */
  protected static final Duration QUIET = Duration.ofMillis(100);

  protected static final int BTC = 1;
  protected static final int ETH = 2;
  protected static final int SOL = 3;
  protected static final int BINANCE = 1;
  protected static final int OKX = 2;
  protected static final int COINBASE = 3;

  protected final ActorTestKit testKit =
      ActorTestKit.create(getClass().getSimpleName(), systemConfig());
  protected final EventPool pool = new EventPool(PoolConfig.ofCapacity(64));
  protected final Recycler recycler = new Recycler(pool);
  protected final IdRegistry ids =
      IdRegistry.of(
          List.of("BTC-USDT", "ETH-USDT", "SOL-USDT"), List.of("binance", "okx", "coinbase"));

  private final List<EventPool> pools = new ArrayList<>(List.of(pool));

  /** The config of this test's ActorSystem (called during construction: use no fields). */
  protected Config systemConfig() {
    return ConfigFactory.load();
  }

  /** Also asserts, after the test, that nothing of {@code other} is in use. */
  protected <P extends EventPool> P checkNoLeaks(P other) {
    pools.add(other);
    return other;
  }

  @AfterEach
  void systemTerminatedAndNoEnvelopeLeaked() {
    testKit.shutdownTestKit();
    assertThat(testKit.system().getWhenTerminated().toCompletableFuture())
        .succeedsWithin(Duration.ofSeconds(10));
    for (EventPool checked : pools) {
      assertThat(checked.inUse()).as(checked.leakReport().toString()).isZero();
    }
  }

  /** Services for actors spawned directly, sharing this test's pool. */
  protected PipelineServices services(
      FanOutStats fanOut, ActorRef<FailureAggregator.Command> failures) {
    return new PipelineServices(recycler, ids, fanOut, failures, SupervisionSettings.resume());
  }

  /** A TRADE from this test's pool. */
  protected Event trade(int instrumentId, long price) {
    return pool.acquire("test")
        .setKind(EventKind.TRADE)
        .setInstrumentId(instrumentId)
        .setPrice(price);
  }

  /** Gives back an envelope the test received, as a consumer would after handling it. */
  protected void handled(Event event) {
    recycler.recycle(event, RecycleReason.CONSUMER_HANDLED);
  }

  /** Receives the next message of {@code probe}, which must be an event. */
  protected Event receiveEvent(TestProbe<? super Event> probe) {
    Object message = probe.receiveMessage();
    assertThat(message).isInstanceOf(Event.class);
    return (Event) message;
  }

  /** Waits until {@code count} envelopes were recycled for {@code reason}. */
  protected void awaitRecycled(Recycler of, RecycleReason reason, long count) {
    TestProbe<Object> poll = testKit.createTestProbe();
    poll.awaitAssert(
        () -> {
          assertThat(of.recycledCount(reason)).as(reason.name()).isEqualTo(count);
          return null;
        });
  }

  protected void awaitRecycled(RecycleReason reason, long count) {
    awaitRecycled(recycler, reason, count);
  }

  /** A probe that stands for a consumer. */
  protected TestProbe<ConsumerMessage> consumerProbe(String name) {
    return testKit.createTestProbe(name, ConsumerMessage.class);
  }
}
