package io.meltica.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.meltica.leakcheck.LeakCheck;
import io.meltica.pool.EventPool;
import io.meltica.pool.PoolConfig;
import io.meltica.protocol.Event;
import io.meltica.protocol.EventKind;
import io.meltica.protocol.StrategyMessage;
import java.time.Duration;
import java.util.List;
import org.apache.pekko.Done;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.cluster.sharding.typed.testkit.javadsl.TestEntityRef;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class CriticalSenderTest {
  private static final String PRODUCER = "node-a";
  private static final Duration RESEND_AFTER = Duration.ofMillis(200);

  @RegisterExtension final LeakCheck leaks = LeakCheck.create();
  private final ActorTestKit testKit = ActorTestKit.create("CriticalSenderTest");
  private final EventPool pool = leaks.watch(new EventPool(PoolConfig.ofCapacity(16)));
  private final CriticalStats stats = new CriticalStats();
  private final TestProbe<StrategyMessage> entity = testKit.createTestProbe();

  {
    leaks.watch(testKit.system());
  }

  private ActorRef<CriticalSender.Command> sender(int window) {
    CriticalSettings settings =
        new CriticalSettings(
            window, RESEND_AFTER, RESEND_AFTER.multipliedBy(4), Duration.ofMinutes(10));
    return testKit.spawn(
        CriticalSender.create(
            PRODUCER,
            name -> TestEntityRef.of(MelticaCluster.STRATEGY, name, entity.ref()),
            settings,
            stats));
  }

  private void send(ActorRef<CriticalSender.Command> sender, long orderId) {
    Event event = pool.acquire("test").setKind(EventKind.EXEC_REPORT).setOrderId(orderId);
    sender.tell(new CriticalSender.Send("strategy-1", event));
  }

  private CriticalDelivery delivered() {
    return (CriticalDelivery) entity.receiveMessage(Duration.ofSeconds(5));
  }

  /** The sender counts after it sends: a count may lag what the probe already received. */
  private void awaitStats(Runnable assertion) {
    entity.awaitAssert(
        () -> {
          assertion.run();
          return null;
        });
  }

  private static void ack(ActorRef<CriticalSender.Command> sender, long upTo) {
    sender.tell(new CriticalSender.Ack("strategy-1", PRODUCER, upTo));
  }

  @Test
  void shouldKeepAtMostAWindowInFlightAndSendTheRestAsAcknowledgementsMakeRoom() {
    ActorRef<CriticalSender.Command> sender = sender(4);
    for (long order = 1; order <= 6; order++) {
      send(sender, order);
    }

    List<Long> first = List.of(delivered().seq(), delivered().seq(), delivered().seq());
    assertThat(first).containsExactly(1L, 2L, 3L);
    assertThat(delivered().seq()).isEqualTo(4);
    entity.expectNoMessage(RESEND_AFTER.dividedBy(2));
    assertThat(stats.inFlightCount()).isEqualTo(4);
    assertThat(stats.pendingCount()).isEqualTo(2);

    ack(sender, 2);

    CriticalDelivery fifth = delivered();
    assertThat(fifth.seq()).isEqualTo(5);
    assertThat(fifth.oldestUnacked()).as("1 and 2 were acknowledged").isEqualTo(3);
    assertThat(delivered().seq()).isEqualTo(6);
    awaitStats(() -> assertThat(stats.ackedCount()).isEqualTo(2));
    assertThat(pool.inUse()).as("each envelope went back once encoded").isZero();
  }

  @Test
  void shouldSendTheWholeWindowAgainInOrderUntilItIsAcknowledged() {
    ActorRef<CriticalSender.Command> sender = sender(4);
    send(sender, 1);
    send(sender, 2);
    assertThat(List.of(delivered().seq(), delivered().seq())).containsExactly(1L, 2L);

    for (int round = 0; round < 3; round++) { // the waits between rounds: CriticalOutboxTest
      CriticalDelivery first = delivered();
      assertThat(List.of(first.seq(), delivered().seq())).containsExactly(1L, 2L);
      assertThat(first.oldestUnacked()).isEqualTo(1);
    }
    awaitStats(() -> assertThat(stats.resentCount()).isGreaterThanOrEqualTo(6));
    awaitStats(() -> assertThat(stats.oldestUnackedAgeSeconds()).isGreaterThan(0));

    ack(sender, 2);
    entity.expectNoMessage(RESEND_AFTER.multipliedBy(5));
    assertThat(stats.inFlightCount()).isZero();
  }

  @Test
  void shouldIgnoreAcknowledgementsOfAnotherProducer() {
    ActorRef<CriticalSender.Command> sender = sender(4);
    send(sender, 1);
    delivered();

    sender.tell(new CriticalSender.Ack("strategy-1", "node-before-restart", 1));

    assertThat(delivered().seq()).as("still unacknowledged: sent again").isEqualTo(1);
    assertThat(stats.ackedCount()).isZero();
  }

  @Test
  void shouldAnswerADrainOnceEverythingIsAcknowledged() {
    ActorRef<CriticalSender.Command> sender = sender(1);
    TestProbe<Done> drained = testKit.createTestProbe();
    send(sender, 1);
    send(sender, 2);
    delivered();

    sender.tell(new CriticalSender.Drain(drained.ref()));
    ack(sender, 1);
    drained.expectNoMessage(RESEND_AFTER.dividedBy(2));
    assertThat(delivered().seq()).isEqualTo(2);
    ack(sender, 2);

    drained.expectMessage(Done.getInstance());
  }

  @Test
  void shouldCountWhatIsUnacknowledgedWhenItStopsAsLost() {
    ActorRef<CriticalSender.Command> sender = sender(1);
    send(sender, 1);
    send(sender, 2);
    delivered();
    // the second one taken in (and its envelope recycled) before the stop
    awaitStats(() -> assertThat(stats.pendingCount()).isEqualTo(1));
    testKit.stop(sender);

    assertThat(stats.lostCount()).isEqualTo(2);
  }
}
