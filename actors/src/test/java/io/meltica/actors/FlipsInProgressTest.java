package io.meltica.actors;

import static org.assertj.core.api.Assertions.assertThat;

import io.meltica.protocol.ControlResult;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class FlipsInProgressTest {
  private static final ActorTestKit TEST_KIT = ActorTestKit.create();
  private final ActorRef<ControlResult> caller = TEST_KIT.<ControlResult>createTestProbe().ref();
  private final FlipsInProgress flips = new FlipsInProgress(2);

  @AfterAll
  static void shutdown() {
    TEST_KIT.shutdownTestKit();
  }

  @Test
  void shouldCompleteOnceTheMarkerAndEveryRouterAreInWhicheverCameFirst() {
    assertThat(flips.routerApplied(1, 2)).as("router 0 before the marker").isNull();
    assertThat(flips.markerDrained(1, caller)).as("router 1 missing").isNull();
    FlipsInProgress.Completed done = flips.routerApplied(1, 2);

    assertThat(done).isNotNull();
    assertThat(done.result()).isEqualTo(new ControlResult(1, 2));
    assertThat(done.replyTo()).isSameAs(caller);
    assertThat(flips.markerDrained(2, caller)).as("a new flip starts empty").isNull();
  }

  @Test
  void shouldReportTheHighestVersionARouterApplied() {
    flips.markerDrained(7, caller);
    flips.routerApplied(7, 3);

    assertThat(flips.routerApplied(7, 5).result().routingVersion()).isEqualTo(5);
  }
}
