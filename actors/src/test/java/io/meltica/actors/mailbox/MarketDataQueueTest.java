package io.meltica.actors.mailbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.ConfigFactory;
import io.meltica.pool.EventPool;
import io.meltica.pool.PoolConfig;
import io.meltica.pool.RecycleReason;
import io.meltica.protocol.Event;
import io.meltica.protocol.EventBatch;
import io.meltica.protocol.EventKind;
import io.meltica.protocol.UpdateMinVersion;
import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.dispatch.Envelope;
import org.apache.pekko.dispatch.MessageQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MarketDataQueueTest {
  private static final int BTC = 1;
  private static final int ETH = 2;

  private final ActorTestKit testKit = ActorTestKit.create("MarketDataQueueTest");
  private final EventPool pool = new EventPool(PoolConfig.ofCapacity(256));
  private final List<Event> received = new ArrayList<>();
  private final MailboxDrops drops = new MailboxDrops();
  private int closedRuns;

  @AfterEach
  void nothingLeaks() {
    received.forEach(
        e -> pool.recycler().recycle(e, e.generation(), RecycleReason.STRATEGY_HANDLED));
    testKit.shutdownTestKit();
    assertThat(pool.inUse()).as(pool.leakReport().toString()).isZero();
  }

  /** A queue for a registry of 8 instruments and 40 venues. */
  private MarketDataQueue queue(MarketDataPolicy policy, int capacity) {
    return queue(policy, capacity, 64);
  }

  private MarketDataQueue queue(MarketDataPolicy policy, int capacity, int batchLimit) {
    return new MarketDataQueue(
        policy,
        capacity,
        batchLimit,
        new ConflationKeys(8, 40),
        drops,
        Adapter.toClassic(testKit.system()).deadLetters(),
        () -> closedRuns++);
  }

  private Envelope envelope(Object message) {
    return Envelope.apply(message, ActorRef.noSender(), Adapter.toClassic(testKit.system()));
  }

  private Event event(EventKind kind, int instrument, int venue, long price) {
    return pool.acquire("test")
        .setKind(kind)
        .setInstrumentId(instrument)
        .setVenueId(venue)
        .setPrice(price);
  }

  private void offer(MessageQueue queue, Object message) {
    queue.enqueue(ActorRef.noSender(), envelope(message));
  }

  /** Drains the queue; events are kept to be recycled after the test, as a handler would. */
  private List<String> drain(MessageQueue queue) {
    List<String> order = new ArrayList<>();
    Envelope next;
    while ((next = queue.dequeue()) != null) {
      if (next.message() instanceof EventBatch batch) {
        for (int i = 0; i < batch.size(); i++) {
          Event event = batch.event(i);
          assertThat(event.generation()).isEqualTo(batch.generation(i));
          order.add(event.kind() + "/" + event.instrumentId() + "/" + event.price());
          received.add(event);
        }
        batch.release();
      } else if (next.message() instanceof Event event) {
        order.add("alone " + event.kind() + "/" + event.instrumentId() + "/" + event.price());
        received.add(event);
      } else {
        order.add(next.message().getClass().getSimpleName());
      }
    }
    return order;
  }

  private long recycled(RecycleReason reason) {
    return pool.recycler().recycledCount(reason);
  }

  @Test
  void shouldPutControlMessagesFirstAndKeepTheRestInArrivalOrder() {
    MarketDataQueue queue = queue(MarketDataPolicy.CONFLATE, 10);
    offer(queue, event(EventKind.TRADE, BTC, 1, 1));
    offer(queue, event(EventKind.EXEC_REPORT, BTC, 1, 2));
    offer(
        queue,
        new UpdateMinVersion(
            2, 1, testKit.<io.meltica.protocol.MinVersionConfirmed>createTestProbe().ref()));
    offer(queue, event(EventKind.TRADE, BTC, 1, 3));

    assertThat(queue.numberOfMessages()).isEqualTo(4);
    assertThat(drain(queue))
        .containsExactly("UpdateMinVersion", "TRADE/1/1", "EXEC_REPORT/1/2", "TRADE/1/3");
    assertThat(queue.hasMessages()).isFalse();
  }

  @Test
  void shouldHandEveryEventQueuedInARowInOneBatchUpToItsLimit() {
    MarketDataQueue queue = queue(MarketDataPolicy.CONFLATE, 10, 3);
    for (int price = 1; price <= 4; price++) {
      offer(queue, event(EventKind.TRADE, BTC, 1, price));
    }
    offer(queue, "not an event");
    offer(queue, event(EventKind.TRADE, BTC, 1, 5));

    List<Integer> batchSizes = new ArrayList<>();
    List<Object> messages = new ArrayList<>();
    Envelope next;
    while ((next = queue.dequeue()) != null) {
      if (next.message() instanceof EventBatch batch) {
        batchSizes.add(batch.size());
        for (int i = 0; i < batch.size(); i++) {
          received.add(batch.event(i));
          messages.add(batch.event(i).price());
        }
        batch.release();
      } else {
        batchSizes.add(0);
        messages.add(next.message());
      }
    }

    assertThat(batchSizes).containsExactly(3, 1, 0, 1);
    assertThat(messages).containsExactly(1L, 2L, 3L, 4L, "not an event", 5L);
  }

  @Test
  void shouldUnpackARouterBatchEventByEventUnderThePolicyAndGiveTheBatchBack() {
    MarketDataQueue queue = queue(MarketDataPolicy.CONFLATE, 10);
    List<EventBatch> givenBack = new ArrayList<>();
    EventBatch batch = new EventBatch(8, givenBack::add);
    for (Event e :
        List.of(
            event(EventKind.QUOTE, BTC, 1, 100),
            event(EventKind.TRADE, BTC, 1, 7),
            event(EventKind.QUOTE, BTC, 1, 101))) {
      batch.add(e, e.generation());
    }

    offer(queue, batch);

    assertThat(givenBack).containsExactly(batch);
    assertThat(batch.isEmpty()).as("emptied before it was given back").isTrue();
    assertThat(drain(queue)).containsExactly("TRADE/1/7", "QUOTE/1/101");
    assertThat(recycled(RecycleReason.CONFLATED)).isEqualTo(1);
  }

  @Test
  void shouldLetTheStrategyTakeAControlMessageThatArrivedWhileItHandlesABatch() {
    MarketDataQueue queue = queue(MarketDataPolicy.CONFLATE, 10);
    offer(queue, event(EventKind.TRADE, BTC, 1, 1));
    Envelope handed = queue.dequeue();
    assertThat(queue.pollControl()).as("nothing yet").isNull();
    UpdateMinVersion flip =
        new UpdateMinVersion(
            2, 1, testKit.<io.meltica.protocol.MinVersionConfirmed>createTestProbe().ref());

    offer(queue, flip);

    assertThat(queue.pollControl()).isSameAs(flip);
    assertThat(queue.hasMessages()).as("taken out of the mailbox").isFalse();
    EventBatch batch = (EventBatch) handed.message();
    received.add(batch.event(0));
    batch.release();
  }

  @Test
  void shouldReplaceAQueuedQuoteOfTheSameInstrumentAndVenueWithoutOvertaking() {
    MarketDataQueue queue = queue(MarketDataPolicy.CONFLATE, 10);
    offer(queue, event(EventKind.QUOTE, BTC, 1, 100));
    offer(queue, event(EventKind.EXEC_REPORT, BTC, 1, 7));
    offer(queue, event(EventKind.QUOTE, BTC, 2, 200));
    offer(queue, event(EventKind.QUOTE, BTC, 1, 101));
    offer(queue, event(EventKind.QUOTE, ETH, 1, 300));

    assertThat(drain(queue))
        .containsExactly("EXEC_REPORT/1/7", "QUOTE/1/200", "QUOTE/1/101", "QUOTE/2/300");
    assertThat(recycled(RecycleReason.CONFLATED)).isEqualTo(1);
  }

  @Test
  void shouldConflateAgainAfterTheQueuedQuoteWasDelivered() {
    MarketDataQueue queue = queue(MarketDataPolicy.CONFLATE, 10);
    offer(queue, event(EventKind.CONSOLIDATED_QUOTE, BTC, 0, 1));
    assertThat(drain(queue)).containsExactly("CONSOLIDATED_QUOTE/1/1");

    offer(queue, event(EventKind.CONSOLIDATED_QUOTE, BTC, 0, 2));
    offer(queue, event(EventKind.CONSOLIDATED_QUOTE, BTC, 0, 3));

    assertThat(drain(queue)).containsExactly("CONSOLIDATED_QUOTE/1/3");
    assertThat(recycled(RecycleReason.CONFLATED)).isEqualTo(1);
  }

  @Test
  void shouldNeverDropATradeOrBookDeltaByDefaultHoweverManyAreQueued() {
    MarketDataQueue queue = queue(MarketDataPolicy.CONFLATE, 2);
    for (int i = 0; i < 1_000; i++) {
      offer(queue, event(i % 2 == 0 ? EventKind.TRADE : EventKind.BOOK_DELTA, BTC, 1, i));
      offer(queue, event(EventKind.QUOTE, BTC, 1, i));
    }

    List<String> order = drain(queue);
    assertThat(order.stream().filter(e -> e.startsWith("TRADE") || e.startsWith("BOOK_DELTA")))
        .hasSize(1_000);
    assertThat(order).endsWith("QUOTE/1/999");
    assertThat(recycled(RecycleReason.MAILBOX_OVERFLOW)).isZero();
    assertThat(drops.overflowed()).isZero();
    assertThat(drops.conflated()).isEqualTo(999).isEqualTo(recycled(RecycleReason.CONFLATED));
  }

  @Test
  void shouldKeepTheQuotesOfEveryVenueApartAlsoPastVenueThirty() {
    MarketDataQueue queue = queue(MarketDataPolicy.CONFLATE, 2);
    offer(queue, event(EventKind.QUOTE, BTC, 31, 1));
    offer(queue, event(EventKind.QUOTE, BTC, 32, 2));
    offer(queue, event(EventKind.QUOTE, BTC, 40, 3));

    assertThat(drain(queue)).containsExactly("QUOTE/1/1", "QUOTE/1/2", "QUOTE/1/3");
    assertThat(recycled(RecycleReason.CONFLATED)).isZero();
  }

  @Test
  void shouldQueueAnEventWithAnIdOutsideTheRegistryWithoutConflatingOrGrowingTheTable() {
    MarketDataQueue queue = queue(MarketDataPolicy.CONFLATE, 2);
    offer(queue, event(EventKind.QUOTE, 8_000_000, 1, 1));
    offer(queue, event(EventKind.QUOTE, 8_000_000, 1, 2));
    offer(queue, event(EventKind.QUOTE, Integer.MAX_VALUE, 1, 3));
    offer(queue, event(EventKind.QUOTE, BTC, 99, 4));

    assertThat(drain(queue)).hasSize(4);
    assertThat(recycled(RecycleReason.CONFLATED)).isZero();
  }

  @Test
  void shouldRecycleAnEventItCannotClassifyInsteadOfThrowing() {
    MarketDataQueue queue = queue(MarketDataPolicy.CONFLATE, 2);
    Event noKind = pool.acquire("test").setInstrumentId(BTC);

    offer(queue, noKind);

    assertThat(queue.hasMessages()).isFalse();
    assertThat(recycled(RecycleReason.PIPELINE_FAILURE)).isEqualTo(1);
  }

  @Test
  void shouldRecycleAnEventThatArrivesAfterCleanUpAndPassOtherMessagesToDeadLetters() {
    MarketDataQueue queue = queue(MarketDataPolicy.CONFLATE, 10);
    MarketDataQueue deadLetters = queue(MarketDataPolicy.UNBOUNDED, 1);
    queue.cleanUp(ActorRef.noSender(), deadLetters);
    assertThat(closedRuns).as("the mailbox left its registry").isEqualTo(1);

    offer(queue, event(EventKind.EXEC_REPORT, BTC, 1, 1));
    offer(queue, "not an event");

    assertThat(recycled(RecycleReason.DEAD_LETTER)).isEqualTo(1);
    assertThat(pool.inUse()).isZero();
    assertThat(queue.hasMessages()).isFalse();
    assertThat(drain(deadLetters)).containsExactly("String");
  }

  @Test
  void shouldDropTheOldestMarketDataPastTheCapacityButNeverACriticalEvent() {
    MarketDataQueue queue = queue(MarketDataPolicy.DROP_OLDEST, 2);
    for (int i = 0; i < 100; i++) {
      offer(queue, event(EventKind.EXEC_REPORT, BTC, 1, i));
    }
    offer(queue, event(EventKind.TRADE, BTC, 1, 1000));
    offer(queue, event(EventKind.TRADE, BTC, 1, 1001));
    offer(queue, event(EventKind.TRADE, BTC, 1, 1002));

    List<String> order = drain(queue);
    assertThat(order).hasSize(102).endsWith("TRADE/1/1001", "TRADE/1/1002");
    assertThat(order.stream().filter(e -> e.startsWith("EXEC_REPORT"))).hasSize(100);
    assertThat(recycled(RecycleReason.MAILBOX_OVERFLOW)).isEqualTo(1);
    assertThat(drops.overflowed()).isEqualTo(1);
  }

  @Test
  void shouldDropTheArrivingMarketDataWithDropNewest() {
    MarketDataQueue queue = queue(MarketDataPolicy.DROP_NEWEST, 2);
    for (int i = 0; i < 4; i++) {
      offer(queue, event(EventKind.QUOTE, BTC, 1, i));
    }

    assertThat(drain(queue)).containsExactly("QUOTE/1/0", "QUOTE/1/1");
    assertThat(recycled(RecycleReason.MAILBOX_OVERFLOW)).isEqualTo(2);
    assertThat(recycled(RecycleReason.CONFLATED)).isZero();
  }

  @Test
  void shouldDropTheOldestQuotesWithDropOldestAndNotConflate() {
    MarketDataQueue queue = queue(MarketDataPolicy.DROP_OLDEST, 2);
    for (int i = 0; i < 4; i++) {
      offer(queue, event(EventKind.QUOTE, BTC, 1, i));
    }

    assertThat(drain(queue)).containsExactly("QUOTE/1/2", "QUOTE/1/3");
    assertThat(recycled(RecycleReason.MAILBOX_OVERFLOW)).isEqualTo(2);
  }

  @Test
  void shouldKeepEverythingWhenUnbounded() {
    MarketDataQueue queue = queue(MarketDataPolicy.UNBOUNDED, 1);
    for (int i = 0; i < 200; i++) {
      offer(queue, event(EventKind.QUOTE, BTC, 1, i));
    }

    assertThat(drain(queue)).hasSize(200).startsWith("QUOTE/1/0").endsWith("QUOTE/1/199");
  }

  @Test
  void shouldRecycleQueuedEventsAndHandOtherMessagesToDeadLettersOnCleanUp() {
    MarketDataQueue queue = queue(MarketDataPolicy.CONFLATE, 10);
    offer(queue, event(EventKind.TRADE, BTC, 1, 1));
    offer(queue, "not an event");
    offer(queue, event(EventKind.EXEC_REPORT, BTC, 1, 2));
    MarketDataQueue deadLetters = queue(MarketDataPolicy.UNBOUNDED, 1);

    // at a node's last stop the dead-letter recycler may be gone: events go straight back
    queue.cleanUp(ActorRef.noSender(), deadLetters);

    assertThat(queue.hasMessages()).isFalse();
    assertThat(recycled(RecycleReason.DEAD_LETTER)).isEqualTo(2);
    assertThat(pool.inUse()).isZero();
    assertThat(drain(deadLetters)).containsExactly("String");
  }

  @Test
  void shouldBeMadeFromItsConfigurationAndNameABadPolicy() {
    MarketDataMailbox mailbox =
        new MarketDataMailbox(
            Adapter.toClassic(testKit.system()).settings(),
            ConfigFactory.parseString("policy = drop-oldest, capacity = 3"));
    assertThat(mailbox.create(scala.Option.empty(), scala.Option.empty()))
        .isInstanceOf(MarketDataQueue.class);
    assertThatThrownBy(() -> MarketDataPolicy.fromConfigName("keep-all"))
        .hasMessageContaining("keep-all")
        .hasMessageContaining("conflate");
    assertThatThrownBy(
            () -> new MarketDataMailbox(MarketDataPolicy.CONFLATE, 0, 64, new ConflationKeys(1, 1)))
        .hasMessageContaining("capacity");
    assertThat(MarketDataPolicy.DROP_NEWEST.configName()).isEqualTo("drop-newest");
  }
}
