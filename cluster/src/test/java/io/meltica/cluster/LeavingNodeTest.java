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
import io.meltica.protocol.UpdateMinVersion;
import io.meltica.supervision.DeadLetterRecycler;
import java.time.Duration;
import org.apache.pekko.Done;
import org.apache.pekko.actor.Dropped;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.cluster.sharding.typed.ShardingEnvelope;
import org.apache.pekko.cluster.sharding.typed.testkit.javadsl.TestEntityRef;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What keeps a leaving node's pool whole: sharding must not strand pooled envelopes. */
class LeavingNodeTest {
  @RegisterExtension final LeakCheck leaks = LeakCheck.create();
  private final ActorTestKit testKit = ActorTestKit.create("LeavingNodeTest");
  private final EventPool pool = leaks.watch(new EventPool(PoolConfig.ofCapacity(16)));

  {
    leaks.watch(testKit.system());
  }

  private Event acquire(EventKind kind) {
    return pool.acquire().setKind(kind);
  }

  @Test
  void shouldRecycleMarketDataAtTheForwarderOnceMarketDataIsStopped() {
    TestProbe<StrategyMessage> entity = testKit.createTestProbe();
    TestProbe<CriticalSender.Command> critical = testKit.createTestProbe();
    ActorRef<StrategyMessage> forwarder =
        testKit.spawn(
            EntityForwarder.create(
                "strategy-1",
                TestEntityRef.of(MelticaCluster.STRATEGY, "strategy-1", entity.ref()),
                critical.ref(),
                events -> new EventBatch(events, batch -> {}),
                Duration.ofMinutes(1)));
    Event quote = acquire(EventKind.QUOTE);

    forwarder.tell(quote);
    EventBatch batch = entity.expectMessageClass(EventBatch.class);
    assertThat(batch.take()).isTrue();
    assertThat(batch.event(0)).isSameAs(quote);
    pool.recycler()
        .recycle(quote, quote.generation(), RecycleReason.STRATEGY_HANDLED); // as the entity would

    TestProbe<Done> stopped = testKit.createTestProbe();
    forwarder.tell(new EntityForwarder.StopMarketData(stopped.ref()));
    stopped.expectMessage(Done.getInstance());
    forwarder.tell(acquire(EventKind.TRADE));
    forwarder.tell(new UpdateMinVersion(3, 1, testKit.system().ignoreRef()));
    Event report = acquire(EventKind.EXEC_REPORT);
    forwarder.tell(report);

    assertThat(entity.expectMessageClass(UpdateMinVersion.class).minVersion()).isEqualTo(3);
    CriticalSender.Send send = critical.expectMessageClass(CriticalSender.Send.class);
    assertThat(send.event()).as("critical events still go out").isSameAs(report);
    pool.recycler()
        .recycle(report, report.generation(), RecycleReason.SENT_TO_NODE); // as the sender would
    entity.expectNoMessage(Duration.ofMillis(50));
    assertThat(pool.recycler().recycledCount(RecycleReason.SHUTDOWN)).isEqualTo(1);
  }

  @Test
  void shouldRecycleEnvelopesThatShardingDroppedAndLeaveOtherPoolsAlone() {
    listenToDeadLetters();
    EventPool otherPool = new EventPool(PoolConfig.ofCapacity(4));
    Event foreign = otherPool.acquire();
    var deadLetters = Adapter.toClassic(testKit.system()).deadLetters();
    var noSender = org.apache.pekko.actor.ActorRef.noSender();

    // as a region does at a hand-off (MessageBufferMap.drop), and as an unreachable region's
    // messages end
    deadLetters.tell(dropped(foreign, deadLetters), noSender);
    deadLetters.tell(dropped(acquire(EventKind.QUOTE), deadLetters), noSender);
    deadLetters.tell(new ShardingEnvelope<>("strategy-2", acquire(EventKind.BOOK_DELTA)), noSender);

    testKit
        .createTestProbe()
        .awaitAssert(
            () ->
                assertThat(pool.recycler().recycledCount(RecycleReason.DEAD_LETTER)).isEqualTo(2));
    assertThat(otherPool.inUse()).as("not ours to recycle").isEqualTo(1);
    otherPool.recycler().recycle(foreign, foreign.generation(), RecycleReason.STRATEGY_HANDLED);
  }

  @Test
  void shouldRecycleOnceWhatArteryReportsTwice() {
    listenToDeadLetters();
    var deadLetters = Adapter.toClassic(testKit.system()).deadLetters();
    var envelope = new ShardingEnvelope<>("strategy-1", acquire(EventKind.QUOTE));

    // as Association.dropped does when the send queue to another node is full (a send without
    // recipient names dead letters; ArteryDropsTest has the real one, to a remote recipient)
    Adapter.toClassic(testKit.system())
        .getEventStream()
        .publish(
            new Dropped(
                envelope,
                "whatever Pekko writes",
                org.apache.pekko.actor.ActorRef.noSender(),
                deadLetters));
    deadLetters.tell(envelope, org.apache.pekko.actor.ActorRef.noSender());

    TestProbe<Object> probe = testKit.createTestProbe();
    probe.awaitAssert(
        () -> assertThat(pool.recycler().recycledCount(RecycleReason.DEAD_LETTER)).isEqualTo(1));
    probe.expectNoMessage(Duration.ofMillis(100)); // room for a second, wrong, recycle
    assertThat(pool.doubleReleaseCount()).isZero();
    assertThat(pool.recycler().recycledCount(RecycleReason.DEAD_LETTER)).isEqualTo(1);
  }

  /** The pipeline's dead-letter recycler for {@link #pool}, subscribed when this returns. */
  private void listenToDeadLetters() {
    TestProbe<Done> ready = testKit.createTestProbe();
    testKit
        .spawn(DeadLetterRecycler.create(pool.recycler()))
        .tell(new DeadLetterRecycler.Drain(ready.ref())); // answered once it listens
    ready.expectMessage(Done.getInstance());
  }

  private static Dropped dropped(Event event, org.apache.pekko.actor.ActorRef recipient) {
    return new Dropped(
        new ShardingEnvelope<>("strategy-1", event),
        "Avoiding reordering of buffered messages at shard handoff",
        org.apache.pekko.actor.ActorRef.noSender(),
        recipient);
  }
}
