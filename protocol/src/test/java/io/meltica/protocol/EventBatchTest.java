package io.meltica.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

class EventBatchTest {
  private final List<EventBatch> returned = new ArrayList<>();
  private final EventBatch batch = new EventBatch(4, returned::add);

  private Event eventNumbered(long sequence) {
    Event event = Event.standalone().setVenueSequence(sequence);
    batch.add(event, 100 + sequence);
    return event;
  }

  @Test
  void shouldKeepTheMovedEventsInOrderWithTheirGenerationsAndForgetTheRest() {
    eventNumbered(0);
    Event second = eventNumbered(1);
    eventNumbered(2);
    Event fourth = eventNumbered(3);

    batch.move(1, 0);
    batch.move(3, 1);
    batch.truncate(2);

    assertThat(batch.size()).isEqualTo(2);
    assertThat(batch.event(0)).isSameAs(second);
    assertThat(batch.generation(0)).isEqualTo(101);
    assertThat(batch.event(1)).isSameAs(fourth);
    assertThat(batch.generation(1)).isEqualTo(103);
    List<Event> drained = new ArrayList<>();
    batch.drainEnvelopes(drained::add);
    assertThat(drained).containsExactly(second, fourth);
  }

  @Test
  void shouldRefuseAMoveForwardOrPastTheEndAndATruncateThatGrows() {
    eventNumbered(0);
    eventNumbered(1);

    assertThatThrownBy(() -> batch.move(0, 1)).isInstanceOf(IndexOutOfBoundsException.class);
    assertThatThrownBy(() -> batch.move(2, 0)).isInstanceOf(IndexOutOfBoundsException.class);
    assertThatThrownBy(() -> batch.truncate(3)).hasMessageContaining("truncate to 3 of 2");
  }

  @Test
  void shouldGoBackToItsOwnerEmptyOnRelease() {
    eventNumbered(0);

    batch.release();

    assertThat(returned).containsExactly(batch);
    assertThat(batch.isEmpty()).isTrue();
  }

  @Test
  void shouldAlwaysBeTakenWhenNotInTransit() {
    eventNumbered(0);

    assertThat(batch.take()).isTrue();
    assertThat(batch.take()).isTrue();
  }

  @Test
  void shouldGiveAnInTransitBatchToWhoeverComesFirst() {
    eventNumbered(0);
    long stamp = batch.sendInTransit();

    assertThat(batch.isInTransit(stamp)).isTrue();
    assertThat(batch.take()).isTrue();
    assertThat(batch.revoke(stamp)).as("received already").isFalse();
    assertThat(batch.isInTransit(stamp)).isFalse();

    batch.release();
    long next = batch.sendInTransit();
    assertThat(batch.revoke(stamp))
        .as("an old stamp never revokes the batch's next send")
        .isFalse();
    assertThat(batch.revoke(next)).isTrue();
    assertThat(batch.take()).as("revoked: the late receiver holds nothing").isFalse();
    List<Event> drained = new ArrayList<>();
    batch.drainEnvelopes(drained::add);
    assertThat(drained).as("nor does the dead-letter recycler").isEmpty();
  }

  @Test
  void shouldLetExactlyOneOfReceiverAndSenderWinARace() throws Exception {
    ExecutorService threads = Executors.newFixedThreadPool(2);
    try {
      for (int round = 0; round < 2_000; round++) {
        long stamp = batch.sendInTransit();
        CyclicBarrier start = new CyclicBarrier(2);
        Future<Boolean> taken = threads.submit(() -> awaitThen(start, batch::take));
        Future<Boolean> revoked = threads.submit(() -> awaitThen(start, () -> batch.revoke(stamp)));
        assertThat(taken.get() ^ revoked.get()).as("round %d", round).isTrue();
        batch.release();
      }
    } finally {
      threads.shutdownNow();
    }
  }

  private static boolean awaitThen(CyclicBarrier start, BooleanSupplier action) throws Exception {
    start.await();
    return action.getAsBoolean();
  }
}
