package io.meltica.actors;

import static org.assertj.core.api.Assertions.assertThat;

import io.meltica.pool.RecycleReason;
import io.meltica.protocol.ControlAck;
import io.meltica.protocol.Event;
import io.meltica.protocol.EventBatch;
import io.meltica.protocol.EventKind;
import io.meltica.protocol.MinVersionConfirmed;
import io.meltica.protocol.RouterMessage;
import io.meltica.protocol.StrategyMessage;
import io.meltica.protocol.Subscribe;
import io.meltica.protocol.Unsubscribe;
import io.meltica.protocol.UpdateMinVersion;
import io.meltica.supervision.FailureAggregator;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.testkit.typed.javadsl.BehaviorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.Test;

class RouterTest extends ActorTestSupport {
  private final FanOutStats fanOut = new FanOutStats(1, 4);
  private final RouterMetrics metrics = new RouterMetrics();
  private final TestProbe<FailureAggregator.Command> failures = testKit.createTestProbe();
  private final Ingress<RouterMessage> ingress = new Ingress<>();

  /** Partition 1: it emits no control acks (router 0's test spawns its own). */
  private final ActorRef<RouterMessage> router = spawnRouter(FanOutMode.COPY, 1, ingress);

  private final TestProbe<StrategyMessage> c1 = consumerProbe("c1");
  private final TestProbe<StrategyMessage> c2 = consumerProbe("c2");
  private final TestProbe<StrategyMessage> c3 = consumerProbe("c3");
  private final TestProbe<Orchestrator.FlipApplied> flips = testKit.createTestProbe();

  private ActorRef<RouterMessage> spawnRouter(
      FanOutMode mode, int partition, Ingress<RouterMessage> ingress) {
    ActorRef<RouterMessage> spawned =
        testKit.spawn(
            Router.create(
                services(fanOut, failures.ref()),
                metrics,
                new Router.Options(64, mode, partition),
                ingress));
    ingress.attach(spawned, Router.Drain.INSTANCE);
    return spawned;
  }

  /** A flip marker, as the pipeline puts it into the router's ingress. */
  private void flip(long requestId) {
    ingress.offer(new Router.Flip(requestId, flips.ref()));
  }

  private void subscribe(int strategyId, int instrumentId, TestProbe<StrategyMessage> probe) {
    router.tell(new Subscribe(strategyId, instrumentId, probe.ref()));
  }

  private UpdateMinVersion expectUpdate(TestProbe<StrategyMessage> probe, long minVersion) {
    UpdateMinVersion update = probe.expectMessageClass(UpdateMinVersion.class);
    assertThat(update.minVersion()).isEqualTo(minVersion);
    return update;
  }

  private void awaitMetrics(long events, long deliveries, long duplicates, long unrouted) {
    flips.awaitAssert(
        () -> {
          assertThat(metrics.events()).as("events").isEqualTo(events);
          assertThat(metrics.deliveries()).as("deliveries").isEqualTo(deliveries);
          assertThat(metrics.duplicates()).as("duplicates").isEqualTo(duplicates);
          assertThat(metrics.unrouted()).as("unrouted").isEqualTo(unrouted);
          return null;
        });
  }

  @Test
  void shouldFillOneBatchPerConsumerUntilItsMailboxRunsDryOrTheBatchIsFull() {
    BehaviorTestKit<RouterMessage> sync =
        BehaviorTestKit.create(
            Router.create(
                services(fanOut, failures.ref()),
                metrics,
                new Router.Options(4, FanOutMode.COPY, 1),
                new Ingress<>()));
    sync.run(new Subscribe(1, BTC, c1.ref()));
    sync.run(new Subscribe(2, BTC, c2.ref()));

    for (int price = 1; price <= 5; price++) {
      sync.run(trade(BTC, price));
    }

    for (TestProbe<StrategyMessage> consumer : List.of(c1, c2)) {
      EventBatch full = consumer.expectMessageClass(EventBatch.class);
      assertThat(prices(full)).as("sent when full").containsExactly(1L, 2L, 3L, 4L);
      full.release();
      consumer.expectNoMessage(QUIET);
    }
    assertThat(sync.selfInbox().receiveMessage())
        .as("one flush per burst")
        .isEqualTo(Router.Flush.INSTANCE);
    assertThat(sync.selfInbox().hasMessages()).isFalse();

    sync.run(Router.Flush.INSTANCE);

    for (TestProbe<StrategyMessage> consumer : List.of(c1, c2)) {
      EventBatch rest = consumer.expectMessageClass(EventBatch.class);
      assertThat(prices(rest)).as("sent when the mailbox ran dry").containsExactly(5L);
      rest.release();
    }
    awaitMetrics(5, 10, 5, 0);
    sync.run(trade(BTC, 6));
    assertThat(sync.selfInbox().receiveMessage())
        .as("the next burst asks for its own flush")
        .isEqualTo(Router.Flush.INSTANCE);
    sync.run(Router.Flush.INSTANCE);
    handled(receiveEvent(c1));
    handled(receiveEvent(c2));
  }

  /** Recycles the batch's events, as their handlers would, and returns their prices. */
  private List<Long> prices(EventBatch batch) {
    List<Long> prices = new ArrayList<>();
    for (int i = 0; i < batch.size(); i++) {
      prices.add(batch.event(i).price());
      recycler.recycle(batch.event(i), batch.generation(i), RecycleReason.STRATEGY_HANDLED);
    }
    return prices;
  }

  @Test
  void shouldRecycleAnEventNobodyFollows() {
    subscribe(1, BTC, c1);

    router.tell(trade(SOL, 5));

    awaitRecycled(RecycleReason.ZERO_SUBSCRIBERS, 1);
    c1.expectNoMessage(QUIET);
    awaitMetrics(1, 0, 0, 1);
  }

  @Test
  void shouldDeliverTheOriginalToASingleRecipientAndAcquireNothing() {
    subscribe(1, BTC, c1);
    subscribe(2, ETH, c2);
    Event event = trade(BTC, 5);
    long acquired = pool.acquiredCount();

    router.tell(event);

    Event received = receiveEvent(c1);
    assertThat(received).isSameAs(event);
    assertThat(pool.acquiredCount()).isEqualTo(acquired);
    assertThat(received.lastOwner()).isEqualTo("strategy 1");
    handled(received);
    c2.expectNoMessage(QUIET);
    awaitMetrics(1, 1, 0, 0);
  }

  @Test
  void shouldSendTheOriginalToOneAndPooledCopiesWithTheSamePayloadToTheOthers() {
    subscribe(1, BTC, c1);
    subscribe(2, Subscribe.ALL_INSTRUMENTS, c2);
    subscribe(3, BTC, c3);
    Event event =
        trade(BTC, 42).setTraceId(0x77).setVenueId(BINANCE).setVenueSequence(9).setQuantity(3);
    long acquired = pool.acquiredCount();

    router.tell(event);

    List<Event> received = List.of(receiveEvent(c1), receiveEvent(c2), receiveEvent(c3));
    Map<Event, Boolean> distinct = new IdentityHashMap<>();
    received.forEach(e -> distinct.put(e, true));
    assertThat(distinct).as("three distinct envelopes").hasSize(3);
    assertThat(received.stream().filter(e -> e == event)).as("the original once").hasSize(1);
    assertThat(pool.acquiredCount()).as("two duplicates").isEqualTo(acquired + 2);
    long dispatchedAt = received.get(0).dispatchTimeNanos();
    long sample = received.get(0).fanOutSequence();
    assertThat(dispatchedAt).as("dispatch stamp").isNotZero();
    assertThat(sample).as("sampled fan-out (sample every 1)").isNotZero();
    for (Event e : received) {
      assertThat(pool.owns(e)).isTrue();
      assertThat(e.kind()).isEqualTo(EventKind.TRADE);
      assertThat(e.instrumentId()).isEqualTo(BTC);
      assertThat(e.price()).isEqualTo(42);
      assertThat(e.quantity()).isEqualTo(3);
      assertThat(e.traceId()).isEqualTo(0x77);
      assertThat(e.venueId()).isEqualTo(BINANCE);
      assertThat(e.venueSequence()).isEqualTo(9);
      assertThat(e.dispatchTimeNanos()).isEqualTo(dispatchedAt);
      assertThat(e.fanOutSequence()).isEqualTo(sample);
    }
    assertThat(received.get(1).lastOwner()).isEqualTo("strategy 2");
    assertThat(received.get(2).lastOwner()).isEqualTo("strategy 3");
    received.forEach(this::handled);
    awaitMetrics(1, 3, 2, 0);
  }

  @Test
  void shouldShareOneReadOnlyEnvelopeAmongEveryRecipientInSharedMode() {
    ActorRef<RouterMessage> sharing =
        testKit.spawn(
            Router.create(
                services(fanOut, failures.ref()),
                metrics,
                new Router.Options(64, FanOutMode.SHARED, 1),
                new Ingress<>()),
            "sharing-router");
    for (TestProbe<StrategyMessage> probe : List.of(c1, c2, c3)) {
      sharing.tell(new Subscribe(probe == c1 ? 1 : probe == c2 ? 2 : 3, BTC, probe.ref()));
    }
    Event event = trade(BTC, 42);
    long acquired = pool.acquiredCount();

    sharing.tell(event);

    List<Event> received = List.of(receiveEvent(c1), receiveEvent(c2), receiveEvent(c3));
    assertThat(received).allSatisfy(e -> assertThat(e).isSameAs(event));
    assertThat(pool.acquiredCount()).as("no copies").isEqualTo(acquired);
    assertThat(event.isShared()).isTrue();
    handled(received.get(0));
    handled(received.get(1));
    assertThat(pool.inUse()).as("the last holder still has it").isEqualTo(1);
    handled(received.get(2));
    awaitRecycled(RecycleReason.STRATEGY_HANDLED, 1);
    awaitMetrics(1, 3, 0, 0);
  }

  @Test
  void shouldDeliverATargetedEventToItsConsumerOnly() {
    subscribe(1, BTC, c1);
    subscribe(2, ETH, c2);
    subscribe(3, Subscribe.ALL_INSTRUMENTS, c3);
    Event report = trade(BTC, 1).setKind(EventKind.EXEC_REPORT).setTargetStrategyId(2);

    router.tell(report);

    assertThat(receiveEvent(c2)).as("even though 2 does not follow BTC").isSameAs(report);
    handled(report);
    c1.expectNoMessage(QUIET);
    c3.expectNoMessage(QUIET);
  }

  @Test
  void shouldRecycleAnEventTargetedAtAnUnknownConsumer() {
    subscribe(1, BTC, c1);

    router.tell(trade(BTC, 1).setKind(EventKind.EXEC_REPORT).setTargetStrategyId(9));

    awaitRecycled(RecycleReason.ZERO_SUBSCRIBERS, 1);
    c1.expectNoMessage(QUIET);
  }

  @Test
  void shouldRecycleAnEventWithANegativeInstrumentAndKeepRouting() {
    subscribe(1, Subscribe.ALL_INSTRUMENTS, c1);

    router.tell(trade(-1, 1));
    router.tell(trade(BTC, 2));

    Event next = receiveEvent(c1);
    assertThat(next.price()).isEqualTo(2);
    handled(next);
    assertThat(pool.inUse()).as("the bad event went back to the pool").isZero();
  }

  @Test
  void shouldKeepEachInstrumentsOrderForEveryConsumer() {
    subscribe(1, BTC, c1);
    subscribe(2, Subscribe.ALL_INSTRUMENTS, c2);
    List<Long> sent = new ArrayList<>();
    for (long i = 1; i <= 20; i++) {
      router.tell(trade(BTC, i).setVenueSequence(i));
      router.tell(trade(ETH, 100 + i).setVenueSequence(i));
      sent.add(i);
      sent.add(100 + i);
    }

    List<Long> atOne = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      Event e = receiveEvent(c1);
      atOne.add(e.price());
      handled(e);
    }
    List<Long> atTwo = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      Event e = receiveEvent(c2);
      atTwo.add(e.price());
      handled(e);
    }

    assertThat(atOne).containsExactlyElementsOf(sent.stream().filter(p -> p < 100).toList());
    assertThat(atTwo).containsExactlyElementsOf(sent);
  }

  @Test
  void shouldStopDeliveringAnInstrumentUnsubscribedButKeepTheConsumer() {
    subscribe(1, BTC, c1);
    subscribe(1, ETH, c1);
    router.tell(new Unsubscribe(1, BTC));

    router.tell(trade(BTC, 1));
    router.tell(trade(ETH, 2));
    router.tell(trade(0, 0).setKind(EventKind.CONTROL_ACK));

    Event eth = receiveEvent(c1);
    assertThat(eth.instrumentId()).isEqualTo(ETH);
    handled(eth);
    Event ack = receiveEvent(c1);
    assertThat(ack.kind())
        .as("instrument 0 reaches every consumer")
        .isEqualTo(EventKind.CONTROL_ACK);
    handled(ack);
    awaitRecycled(RecycleReason.ZERO_SUBSCRIBERS, 1);
  }

  @Test
  void shouldSendControlEventsOfNoInstrumentToEveryConsumer() {
    subscribe(1, BTC, c1);
    subscribe(2, ETH, c2);

    router.tell(trade(0, 0).setKind(EventKind.CONTROL_RESULT));

    handled(receiveEvent(c1));
    handled(receiveEvent(c2));
  }

  @Test
  void shouldAnswerAFlipOnlyAfterEveryConsumerConfirmed() {
    subscribe(1, BTC, c1);
    subscribe(2, ETH, c2);

    flip(7);

    UpdateMinVersion first = expectUpdate(c1, 2);
    UpdateMinVersion second = expectUpdate(c2, 2);
    assertThat(first.requestId()).isEqualTo(7);
    assertThat(second.requestId()).isEqualTo(7);
    first.confirmTo().tell(new MinVersionConfirmed(1, 2, 7));
    flips.expectNoMessage(QUIET);
    second.confirmTo().tell(new MinVersionConfirmed(2, 1, 7));
    second.confirmTo().tell(new MinVersionConfirmed(2, 2, 99));
    flips.expectNoMessage(QUIET);

    second.confirmTo().tell(new MinVersionConfirmed(2, 2, 7));

    flips.expectMessage(new Orchestrator.FlipApplied(7, 2));
    flips.expectNoMessage(QUIET);
  }

  @Test
  void shouldAnswerAFlipAtOnceWithoutConsumers() {
    flip(1);

    flips.expectMessage(new Orchestrator.FlipApplied(1, 2));
  }

  @Test
  void shouldAnswerAFlipWhenTheLastUnconfirmedConsumerStops() {
    subscribe(1, BTC, c1);
    subscribe(2, BTC, c2);
    flip(7);
    expectUpdate(c1, 2).confirmTo().tell(new MinVersionConfirmed(1, 2, 7));
    expectUpdate(c2, 2);
    flips.expectNoMessage(QUIET);

    c2.stop();

    flips.expectMessage(new Orchestrator.FlipApplied(7, 2));
    Event event = trade(BTC, 1);
    long acquired = pool.acquiredCount();
    router.tell(event);
    assertThat(receiveEvent(c1)).as("the stopped consumer is gone").isSameAs(event);
    assertThat(pool.acquiredCount()).isEqualTo(acquired);
    handled(event);
  }

  @Test
  void shouldAnswerAFlipWhenTheLastUnconfirmedConsumerUnsubscribes() {
    subscribe(1, BTC, c1);
    subscribe(2, BTC, c2);
    flip(7);
    expectUpdate(c1, 2).confirmTo().tell(new MinVersionConfirmed(1, 2, 7));
    expectUpdate(c2, 2);

    router.tell(Unsubscribe.fromAll(2));

    flips.expectMessage(new Orchestrator.FlipApplied(7, 2));
    router.tell(trade(BTC, 1));
    handled(receiveEvent(c1));
    c2.expectNoMessage(QUIET);
  }

  @Test
  void shouldBringALateSubscriberToTheCurrentMinimumFirst() {
    flip(1);
    flip(2);
    flips.expectMessage(new Orchestrator.FlipApplied(1, 2));
    flips.expectMessage(new Orchestrator.FlipApplied(2, 3));

    subscribe(1, BTC, c1);
    subscribe(1, ETH, c1);
    router.tell(trade(BTC, 1));

    UpdateMinVersion update = expectUpdate(c1, 3);
    update.confirmTo().tell(new MinVersionConfirmed(1, 3, update.requestId()));
    Event event = receiveEvent(c1);
    assertThat(event.instrumentId()).as("no second update for a known consumer").isEqualTo(BTC);
    handled(event);
    flips.expectNoMessage(QUIET);
  }

  @Test
  void shouldStampWhatPublishersPutIntoItsIngressWithItsVersionFlipsIncluded() {
    subscribe(1, BTC, c1);

    ingress.offer(trade(BTC, 1));
    flip(5);
    ingress.offer(trade(BTC, 2));

    Event before = receiveEvent(c1);
    assertThat(before.routingVersion()).isEqualTo(1);
    handled(before);
    UpdateMinVersion update = expectUpdate(c1, 2);
    Event after = receiveEvent(c1);
    assertThat(after.price()).isEqualTo(2);
    assertThat(after.routingVersion()).as("stamped after the marker").isEqualTo(2);
    handled(after);
    update.confirmTo().tell(new MinVersionConfirmed(1, 2, 5));
    flips.expectMessage(new Orchestrator.FlipApplied(5, 2));
  }

  @Test
  void shouldAdoptANewerVersionFromItsIngressButNeverLowerIt() {
    subscribe(1, BTC, c1);

    ingress.offer(new Router.AdoptVersion(9));
    ingress.offer(trade(BTC, 1));
    ingress.offer(new Router.AdoptVersion(4));
    ingress.offer(trade(BTC, 2));

    for (int i = 0; i < 2; i++) {
      Event event = receiveEvent(c1);
      assertThat(event.routingVersion()).isEqualTo(9);
      handled(event);
    }
  }

  @Test
  void shouldSendEveryConsumerTheControlAckAfterTheNewMinimumFromRouterZeroOnly() {
    Ingress<RouterMessage> zeroIngress = new Ingress<>();
    ActorRef<RouterMessage> zero = spawnRouter(FanOutMode.SHARED, 0, zeroIngress);
    zero.tell(new Subscribe(1, BTC, c1.ref()));
    zero.tell(new Subscribe(2, ETH, c2.ref()));

    zeroIngress.offer(new Router.Flip(3, flips.ref()));

    List<TestProbe<StrategyMessage>> consumers = List.of(c1, c2);
    for (int id = 1; id <= 2; id++) {
      TestProbe<StrategyMessage> consumer = consumers.get(id - 1);
      UpdateMinVersion update = expectUpdate(consumer, 2);
      Event ack = receiveEvent(consumer);
      assertThat(ControlAck.from(ack)).isEqualTo(new ControlAck(3, 2));
      assertThat(ack.traceId()).isNotZero();
      handled(ack);
      update.confirmTo().tell(new MinVersionConfirmed(id, 2, 3));
    }
    flips.expectMessage(new Orchestrator.FlipApplied(3, 2));
  }

  @Test
  void shouldNotUpdateANewSubscriberBeforeAnyFlip() {
    subscribe(1, BTC, c1);
    router.tell(trade(BTC, 1));

    handled(receiveEvent(c1));
  }
}
