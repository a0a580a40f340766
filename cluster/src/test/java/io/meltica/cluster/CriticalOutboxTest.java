package io.meltica.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.meltica.protocol.StrategyMessage;
import java.time.Duration;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.cluster.sharding.typed.testkit.javadsl.TestEntityRef;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The outbox's waits, on a clock the test moves: doubling, capped, reset by progress. */
class CriticalOutboxTest {
  private static final long MS = 1_000_000;

  private final ActorTestKit testKit = ActorTestKit.create("CriticalOutboxTest");
  private final TestProbe<StrategyMessage> entity = testKit.createTestProbe();
  private final CriticalOutbox outbox =
      new CriticalOutbox(
          "node-a",
          "strategy-1",
          TestEntityRef.of(MelticaCluster.STRATEGY, "strategy-1", entity.ref()),
          testKit.<CriticalSender.Command>createTestProbe().ref(),
          new CriticalSettings(
              4, Duration.ofMillis(200), Duration.ofMillis(800), Duration.ofMinutes(10)));

  @AfterEach
  void shutDown() {
    testKit.shutdownTestKit();
  }

  @Test
  void shouldWaitTwiceAsLongAfterEachResendUpToTheCap() {
    outbox.offer(new byte[] {1}, 0);
    outbox.offer(new byte[] {2}, 0);

    assertThat(outbox.resendIfDue(199 * MS)).isZero();
    assertThat(outbox.resendIfDue(200 * MS)).as("after 200 ms, the whole window").isEqualTo(2);
    assertThat(outbox.resendIfDue(599 * MS)).isZero();
    assertThat(outbox.resendIfDue(600 * MS)).as("then after 400 ms").isEqualTo(2);
    assertThat(outbox.resendIfDue(1_399 * MS)).isZero();
    assertThat(outbox.resendIfDue(1_400 * MS)).as("then after 800 ms").isEqualTo(2);
    assertThat(outbox.resendIfDue(2_199 * MS)).isZero();
    assertThat(outbox.resendIfDue(2_200 * MS)).as("capped at 800 ms").isEqualTo(2);
    assertThat(outbox.oldestUnackedAgeNanos(2_200 * MS)).isEqualTo(2_200 * MS);
  }

  @Test
  void shouldStartTheWaitOverWhenAnAcknowledgementMovesTheWindow() {
    outbox.offer(new byte[] {1}, 0);
    outbox.offer(new byte[] {2}, 0);
    outbox.resendIfDue(200 * MS);
    outbox.resendIfDue(600 * MS); // the wait is 800 ms now

    assertThat(outbox.acknowledge(1, 700 * MS)).isEqualTo(1);
    assertThat(outbox.acknowledge(1, 750 * MS)).as("no progress, no reset").isZero();

    assertThat(outbox.resendIfDue(899 * MS)).isZero();
    assertThat(outbox.resendIfDue(900 * MS)).as("200 ms after the progress").isEqualTo(1);
    assertThat(outbox.acknowledge(2, 950 * MS)).isEqualTo(1);
    assertThat(outbox.isEmpty()).isTrue();
    assertThat(outbox.resendIfDue(5_000 * MS)).as("nothing in flight").isZero();
  }
}
