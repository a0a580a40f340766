package io.meltica.actors;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.meltica.leakcheck.LeakCheck;
import io.meltica.pool.EventPool;
import io.meltica.pool.PoolConfig;
import io.meltica.pool.RecycleReason;
import io.meltica.pool.Recycler;
import io.meltica.protocol.Event;
import io.meltica.protocol.EventBatch;
import io.meltica.protocol.EventKind;
import io.meltica.protocol.IdRegistry;
import io.meltica.protocol.Side;
import io.meltica.protocol.StrategyMessage;
import io.meltica.supervision.FailureAggregator;
import io.meltica.supervision.SupervisionSettings;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A fresh ActorSystem and pool per test; after each test {@link LeakCheck} terminates the system
 * and checks the test's pool and any pool registered with {@link #checkNoLeaks}.
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

  @RegisterExtension protected final LeakCheck leaks = LeakCheck.create();

  protected final ActorTestKit testKit =
      ActorTestKit.create(getClass().getSimpleName(), systemConfig());
  protected final EventPool pool = leaks.watch(new EventPool(PoolConfig.ofCapacity(64)));
  protected final Recycler recycler = pool.recycler();
  private final Map<TestProbe<?>, ArrayDeque<Event>> unpackedBy = new IdentityHashMap<>();
  protected final IdRegistry ids =
      IdRegistry.of(
          List.of("BTC-USDT", "ETH-USDT", "SOL-USDT"), List.of("binance", "okx", "coinbase"));

  {
    leaks.watch(testKit.system());
  }

  /** The config of this test's ActorSystem (called during construction: use no fields). */
  protected Config systemConfig() {
    return ConfigFactory.load();
  }

  /** Starts a pipeline from this test's system configuration; its pool is checked after. */
  protected MelticaPipeline startPipeline(String name) {
    MelticaPipeline pipeline =
        MelticaPipeline.start(
            testKit.system(),
            MelticaSettings.fromConfig(testKit.system().settings().config()),
            name);
    checkNoLeaks(pipeline.pool());
    return pipeline;
  }

  /** Also checks {@code other} after the test (see {@link LeakCheck}). */
  protected <P extends EventPool> P checkNoLeaks(P other) {
    return leaks.watch(other);
  }

  /** Services for actors spawned directly, sharing this test's pool. */
  protected PipelineServices services(
      FanOutStats fanOut, ActorRef<FailureAggregator.Command> failures) {
    return new PipelineServices(recycler, ids, fanOut, failures, SupervisionSettings.resume());
  }

  /** A TRADE from this test's pool. */
  protected Event trade(int instrumentId, long price) {
    return asTrade(pool.acquire("test"), instrumentId, price);
  }

  /** Fills {@code event} as a valid TRADE of one unit at {@code price} on venue 1. */
  protected static Event asTrade(Event event, int instrumentId, long price) {
    return event
        .setKind(EventKind.TRADE)
        .setVenueId(BINANCE)
        .setInstrumentId(instrumentId)
        .setPrice(price)
        .setQuantity(1)
        .setSide(Side.BUY);
  }

  /** Gives back an envelope the test received, as a consumer would after handling it. */
  protected void handled(Event event) {
    recycler.recycle(event, event.generation(), RecycleReason.STRATEGY_HANDLED);
  }

  /**
   * Receives the next event {@code probe} got, alone or in a batch (the rest of a batch is kept for
   * the next calls; the emptied batch goes back to its owner).
   */
  protected Event receiveEvent(TestProbe<? super Event> probe) {
    ArrayDeque<Event> unpacked = unpackedBy.computeIfAbsent(probe, p -> new ArrayDeque<>());
    if (unpacked.isEmpty()) {
      Object message = probe.receiveMessage();
      if (message instanceof EventBatch batch) {
        for (int i = 0; i < batch.size(); i++) {
          assertThat(batch.event(i).generation()).isEqualTo(batch.generation(i));
          unpacked.add(batch.event(i));
        }
        batch.release();
      } else {
        assertThat(message).isInstanceOf(Event.class);
        unpacked.add((Event) message);
      }
    }
    return unpacked.poll();
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
  protected TestProbe<StrategyMessage> consumerProbe(String name) {
    return testKit.createTestProbe(name, StrategyMessage.class);
  }
}
