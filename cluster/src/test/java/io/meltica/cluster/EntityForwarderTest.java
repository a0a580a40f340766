package io.meltica.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.meltica.leakcheck.LeakCheck;
import io.meltica.pool.EventPool;
import io.meltica.pool.PoolConfig;
import io.meltica.pool.RecycleReason;
import io.meltica.protocol.Event;
import io.meltica.protocol.EventBatch;
import io.meltica.protocol.EventKind;
import io.meltica.protocol.StrategyMessage;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.cluster.sharding.typed.testkit.javadsl.TestEntityRef;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Market data in transit to an entity: whoever receives a batch first owns its events; a batch
 * nobody received in time (Artery lost it) is taken back, and its envelopes with it.
 */
class EntityForwarderTest {
  private static final Duration TRANSIT_TIMEOUT = Duration.ofMillis(300);

  @RegisterExtension final LeakCheck leaks = LeakCheck.create();
  private final ActorTestKit testKit = ActorTestKit.create("EntityForwarderTest");
  private final EventPool pool = leaks.watch(new EventPool(PoolConfig.ofCapacity(16)));
  private final TestProbe<StrategyMessage> entity = testKit.createTestProbe();
  private final List<EventBatch> givenBack = new CopyOnWriteArrayList<>();

  {
    leaks.watch(testKit.system());
  }

  private ActorRef<StrategyMessage> forwarder() {
    return testKit.spawn(
        EntityForwarder.create(
            "strategy-1",
            TestEntityRef.of(MelticaCluster.STRATEGY, "strategy-1", entity.ref()),
            testKit.<CriticalSender.Command>createTestProbe().ref(),
            events -> new EventBatch(Math.max(events, 4), givenBack::add),
            TRANSIT_TIMEOUT));
  }

  private Event trade(long price) {
    return pool.acquire("publisher").setKind(EventKind.TRADE).setPrice(price);
  }

  @Test
  void shouldTakeBackTheEventsOfABatchNobodyReceivedInTime() {
    ActorRef<StrategyMessage> forwarder = forwarder();

    forwarder.tell(trade(1)); // lost on its way, as in Artery's handshake to a crashed node
    EventBatch lost = entity.expectMessageClass(EventBatch.class);

    entity.awaitAssert(
        Duration.ofSeconds(10),
        () -> {
          assertThat(pool.recycler().recycledCount(RecycleReason.TRANSIT_TIMEOUT)).isEqualTo(1);
          return null;
        });
    assertThat(pool.inUse()).isZero();
    assertThat(lost.take()).as("a late receiver gets nothing").isFalse();
    assertThat(givenBack).as("a revoked batch is never reused").isEmpty();
  }

  @Test
  void shouldLeaveABatchItsReceiverTookAlone() {
    ActorRef<StrategyMessage> forwarder = forwarder();

    forwarder.tell(trade(1));
    EventBatch received = entity.expectMessageClass(EventBatch.class);
    assertThat(received.take()).isTrue();
    Event event = received.event(0);
    long generation = received.generation(0);
    received.release();
    entity.expectNoMessage(TRANSIT_TIMEOUT.multipliedBy(3)); // the timeout passes

    assertThat(pool.recycler().recycledCount(RecycleReason.TRANSIT_TIMEOUT)).isZero();
    assertThat(pool.inUse()).as("the receiver's to recycle").isEqualTo(1);
    pool.recycler().recycle(event, generation, RecycleReason.STRATEGY_HANDLED);
  }

  @Test
  void shouldTakeBackWhatIsInTransitWhenItStops() {
    ActorRef<StrategyMessage> forwarder = forwarder();
    EventBatch batch = new EventBatch(4, givenBack::add);
    Event first = trade(1);
    Event second = trade(2);
    batch.add(first, first.generation());
    batch.add(second, second.generation());

    forwarder.tell(batch);
    entity.expectMessageClass(EventBatch.class);
    testKit.stop(forwarder);

    assertThat(pool.recycler().recycledCount(RecycleReason.TRANSIT_TIMEOUT)).isEqualTo(2);
    assertThat(pool.inUse()).isZero();
  }
}
