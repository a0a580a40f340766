package io.meltica.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
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
}
