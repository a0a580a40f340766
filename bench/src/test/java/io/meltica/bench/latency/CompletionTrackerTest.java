package io.meltica.bench.latency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CompletionTrackerTest {

  @Test
  void shouldTellOnlyTheLastSubscriberThatItWasLast() {
    CompletionTracker tracker = new CompletionTracker(4);
    tracker.open(0, 2);

    assertThat(tracker.complete(0)).isFalse();
    assertThat(tracker.complete(0)).isTrue();
    assertThat(tracker.complete(0)).isFalse(); // a third completion does not count again
    assertThat(tracker.open()).isZero();
  }

  @Test
  void shouldCountAnEventNobodyFinishedWhenItsSlotComesRoundAgain() {
    CompletionTracker tracker = new CompletionTracker(2);
    tracker.open(0, 1);
    tracker.open(1, 1);
    assertThat(tracker.open()).isEqualTo(2);

    tracker.open(2, 1); // reuses event 0's slot

    assertThat(tracker.abandoned()).isEqualTo(1);
    assertThat(tracker.complete(0)).isFalse(); // late: the slot belongs to event 2 now
    assertThat(tracker.complete(2)).isTrue();
  }

  @Test
  void shouldRejectABadSizeOrSubscriberCount() {
    assertThatThrownBy(() -> new CompletionTracker(3)).hasMessageContaining("power of two");
    CompletionTracker tracker = new CompletionTracker(2);
    assertThatThrownBy(() -> tracker.open(0, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> tracker.open(0, CompletionTracker.MAX_TRACKED + 1))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
