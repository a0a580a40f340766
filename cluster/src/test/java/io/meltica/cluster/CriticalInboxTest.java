package io.meltica.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.meltica.cluster.wire.EventWireFormat;
import io.meltica.leakcheck.LeakCheck;
import io.meltica.pool.EventPool;
import io.meltica.pool.PoolConfig;
import io.meltica.pool.RecycleReason;
import io.meltica.protocol.Event;
import io.meltica.protocol.EventKind;
import io.meltica.protocol.IdRegistry;
import io.meltica.protocol.StrategyMessage;
import io.meltica.protocol.UpdateMinVersion;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class CriticalInboxTest {
  private static final IdRegistry IDS = IdRegistry.of(List.of("BTC-USDT"), List.of("binance"));

  @RegisterExtension final LeakCheck leaks = LeakCheck.create();
  private final ActorTestKit testKit = ActorTestKit.create("CriticalInboxTest");
  private final EventPool pool = leaks.watch(new EventPool(PoolConfig.ofCapacity(16)));
  private final CriticalStats stats = new CriticalStats();
  private CriticalSettings settings =
      new CriticalSettings(
          4, Duration.ofMillis(500), Duration.ofSeconds(8), Duration.ofMinutes(10));
  private final TestProbe<Long> handled = testKit.createTestProbe();
  private final TestProbe<CriticalSender.Command> acks = testKit.createTestProbe();
  private final TestProbe<Long> minimums = testKit.createTestProbe();
  private final VersionStats versions = new VersionStats(1_000);

  {
    leaks.watch(testKit.system());
  }

  /** A strategy that reports the order id of each event and recycles it, as the hook would. */
  private ActorRef<StrategyMessage> inbox() {
    Behavior<StrategyMessage> strategy =
        Behaviors.receive(StrategyMessage.class)
            .onMessage(
                UpdateMinVersion.class,
                update -> {
                  minimums.ref().tell(update.minVersion());
                  return Behaviors.same();
                })
            .onMessage(
                Event.class,
                event -> {
                  handled.ref().tell(event.orderId());
                  pool.recycler()
                      .recycle(event, event.generation(), RecycleReason.STRATEGY_HANDLED);
                  return Behaviors.same();
                })
            .build();
    CriticalSettings inboxSettings = settings;
    return testKit.spawn(
        Behaviors.intercept(
            () -> new CriticalInbox(pool, IDS, stats, inboxSettings, versions), strategy));
  }

  /** Delivery {@code seq} of {@code producer}, whose oldest unacknowledged number is 1. */
  private CriticalDelivery delivery(String producer, long seq, long orderId) {
    return delivery(producer, seq, 1, orderId);
  }

  private CriticalDelivery delivery(String producer, long seq, long oldestUnacked, long orderId) {
    Event event = Event.standalone().setKind(EventKind.EXEC_REPORT).setOrderId(orderId);
    ByteBuffer bytes = ByteBuffer.allocate(EventWireFormat.encodedSize(event));
    EventWireFormat.write(event, bytes);
    return new CriticalDelivery(
        producer, "strategy-1", seq, oldestUnacked, bytes.array(), acks.ref());
  }

  private static CriticalSender.Ack ack(String producer, long upTo) {
    return new CriticalSender.Ack("strategy-1", producer, upTo);
  }

  @Test
  void shouldHandleEachDeliveryOnceAndAcknowledgeEveryCopyCumulatively() {
    ActorRef<StrategyMessage> inbox = inbox();

    inbox.tell(delivery("node-a", 1, 41));
    inbox.tell(delivery("node-a", 2, 42));
    inbox.tell(delivery("node-a", 1, 41));
    inbox.tell(delivery("node-b", 1, 43));

    assertThat(handled.receiveSeveralMessages(3)).containsExactly(41L, 42L, 43L);
    handled.expectNoMessage(Duration.ofMillis(100));
    assertThat(acks.receiveSeveralMessages(4))
        .containsExactly(ack("node-a", 1), ack("node-a", 2), ack("node-a", 2), ack("node-b", 1));
    assertThat(stats.duplicateCount()).isEqualTo(1);
  }

  @Test
  void shouldHandOutOfOrderArrivalsToTheStrategyInSequenceOrder() {
    ActorRef<StrategyMessage> inbox = inbox();

    inbox.tell(delivery("node-a", 3, 3));
    inbox.tell(delivery("node-a", 2, 2));
    inbox.tell(delivery("node-a", 3, 3));
    inbox.tell(delivery("node-a", 1, 1));

    assertThat(handled.receiveSeveralMessages(3)).containsExactly(1L, 2L, 3L);
    inbox.tell(delivery("node-a", 2, 2));
    assertThat(acks.receiveSeveralMessages(7))
        .as("nothing acknowledged before the gap closed, then everything up to 3")
        .containsExactly(
            ack("node-a", 0),
            ack("node-a", 0),
            ack("node-a", 0),
            ack("node-a", 1),
            ack("node-a", 2),
            ack("node-a", 3),
            ack("node-a", 3));
    handled.expectNoMessage(Duration.ofMillis(100));
    assertThat(stats.duplicateCount()).isEqualTo(2);
  }

  @Test
  void shouldStartANewIncarnationAtTheProducersOldestUnacknowledgedNumber() {
    ActorRef<StrategyMessage> inbox = inbox();

    // numbers 1 to 6 were handled by the entity before it moved here
    inbox.tell(delivery("node-a", 7, 7, 7));
    inbox.tell(delivery("node-a", 6, 7, 6));

    assertThat(handled.receiveMessage()).isEqualTo(7L);
    handled.expectNoMessage(Duration.ofMillis(100));
    assertThat(stats.duplicateCount()).isEqualTo(1);
  }

  @Test
  void shouldStopWaitingForAGapTheProducerSaysWasAcknowledged() {
    ActorRef<StrategyMessage> inbox = inbox();

    // sent while 5 and 6 were unacknowledged; they were then handled (and acknowledged) by the
    // incarnation before this one, so the re-send says so
    inbox.tell(delivery("node-a", 7, 5, 7));
    handled.expectNoMessage(Duration.ofMillis(100));
    inbox.tell(delivery("node-a", 8, 7, 8));

    assertThat(handled.receiveSeveralMessages(2)).containsExactly(7L, 8L);
  }

  @Test
  void shouldDropArrivalsBeyondTheWindowAndKeepOnlyAWindowsWorth() {
    ActorRef<StrategyMessage> inbox = inbox();

    for (long seq = 2; seq <= 9; seq++) {
      inbox.tell(delivery("node-a", seq, seq));
    }
    acks.receiveSeveralMessages(8);
    assertThat(stats.beyondWindowCount()).as("5 to 9: four or more ahead of 1").isEqualTo(5);
    inbox.tell(delivery("node-a", 1, 1));

    assertThat(handled.receiveSeveralMessages(4)).containsExactly(1L, 2L, 3L, 4L);
    handled.expectNoMessage(Duration.ofMillis(100));
  }

  @Test
  void shouldForgetASilentProducerSafely() {
    settings =
        new CriticalSettings(4, Duration.ofMillis(500), Duration.ofSeconds(8), Duration.ZERO);
    ActorRef<StrategyMessage> inbox = inbox();

    inbox.tell(delivery("node-a", 1, 1));
    inbox.tell(delivery("node-b", 1, 2)); // node-a's record goes: it owes nothing
    // a late copy of node-a's 1, sent once 1 was acknowledged, is still a duplicate
    inbox.tell(delivery("node-a", 1, 2, 1));
    inbox.tell(delivery("node-a", 2, 2, 3));

    assertThat(handled.receiveSeveralMessages(3)).containsExactly(1L, 2L, 3L);
    handled.expectNoMessage(Duration.ofMillis(100));
    assertThat(stats.duplicateCount()).isEqualTo(1);
  }

  @Test
  void shouldAcknowledgeAndDropAPayloadWhoseIdsAreOutsideTheRegistry() {
    ActorRef<StrategyMessage> inbox = inbox();
    Event event =
        Event.standalone().setKind(EventKind.EXEC_REPORT).setOrderId(1).setInstrumentId(1_000_000);
    ByteBuffer bytes = ByteBuffer.allocate(EventWireFormat.encodedSize(event));
    EventWireFormat.write(event, bytes);

    inbox.tell(new CriticalDelivery("node-a", "strategy-1", 1, 1, bytes.array(), acks.ref()));

    acks.expectMessage(ack("node-a", 1));
    handled.expectNoMessage(Duration.ofMillis(100));
    assertThat(stats.malformedCount()).isEqualTo(1);
  }

  @Test
  void shouldAcknowledgeAndDropAMalformedPayloadWithoutTakingAnEnvelope() {
    ActorRef<StrategyMessage> inbox = inbox();

    inbox.tell(
        new CriticalDelivery("node-a", "strategy-1", 1, 1, new byte[] {9, 9, 9}, acks.ref()));

    acks.expectMessage(ack("node-a", 1));
    handled.expectNoMessage(Duration.ofMillis(100));
    assertThat(stats.malformedCount()).isEqualTo(1);
  }

  @Test
  void shouldRefuseAMinimumVersionOutOfRangeAndPassOneInRange() {
    ActorRef<StrategyMessage> inbox = inbox();
    versions.newest(5);

    inbox.tell(new UpdateMinVersion(Long.MAX_VALUE, 1, testKit.system().ignoreRef()));
    inbox.tell(new UpdateMinVersion(5 + 1_001, 2, testKit.system().ignoreRef()));
    inbox.tell(new UpdateMinVersion(6, 3, testKit.system().ignoreRef()));

    assertThat(minimums.receiveMessage()).isEqualTo(6);
    minimums.expectNoMessage(Duration.ofMillis(100));
    assertThat(versions.refusedOutOfRangeCount()).isEqualTo(2);
  }
}
