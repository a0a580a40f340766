package io.meltica.bench.fanout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The barrier, the tally and the label lookups, without any actor. */
class FanOutPartsTest {

  @Test
  void shouldArriveOnceEveryWholeBatch() {
    BatchBarrier barrier = new BatchBarrier(Duration.ofSeconds(5));
    DeliveryTally tally = new DeliveryTally(barrier, 2);
    barrier.expect(1);

    tally.onDelivery(3);
    tally.onDelivery(4);
    barrier.await(); // returns at once: the second delivery completed the batch

    assertThat(tally.seen()).isEqualTo(2);
    assertThat(tally.checksum()).isEqualTo(7);
  }

  @Test
  void shouldWakeTheParkedWaiterWhenTheLastSubscriberArrives() throws InterruptedException {
    BatchBarrier barrier = new BatchBarrier(Duration.ofSeconds(10));
    CountDownLatch returned = new CountDownLatch(1);
    Thread waiter =
        new Thread(
            () -> {
              barrier.expect(2);
              barrier.await();
              returned.countDown();
            });
    waiter.start();
    await().until(() -> waiter.getState() == Thread.State.TIMED_WAITING);

    barrier.arrive();
    barrier.arrive();

    assertThat(returned.await(10, TimeUnit.SECONDS)).isTrue();
    waiter.join();
  }

  @Test
  void shouldFailLoudlyWhenDeliveriesAreLost() {
    BatchBarrier barrier = new BatchBarrier(Duration.ofMillis(20));
    barrier.expect(2);
    barrier.arrive();

    assertThatThrownBy(barrier::await)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("1 subscribers did not receive their whole batch");
  }

  @Test
  void shouldRejectAnEmptyBatchOrNoSubscriber() {
    BatchBarrier barrier = new BatchBarrier(Duration.ofSeconds(1));
    assertThatThrownBy(() -> new DeliveryTally(barrier, 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new BatchRunner(0, 10, tallies -> null))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void shouldFindImplementationsAndWrappingsByLabel() {
    for (FanOutImpl impl : FanOutImpl.values()) {
      assertThat(FanOutImpl.ofLabel(impl.label())).isSameAs(impl);
    }
    for (ConsumerWrapping wrapping : ConsumerWrapping.values()) {
      assertThat(ConsumerWrapping.ofLabel(wrapping.label())).isSameAs(wrapping);
    }
    assertThatThrownBy(() -> FanOutImpl.ofLabel("akka"))
        .hasMessageContaining("unknown fan-out implementation 'akka'")
        .hasMessageContaining("pekko-plain");
    assertThatThrownBy(() -> ConsumerWrapping.ofLabel("none"))
        .hasMessageContaining("unknown consumer wrapping 'none'");
  }
}
