package io.meltica.actors;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.junit.jupiter.api.Test;

/** The smallest whole run: three strategies, one trade; the leak check then wants it all back. */
class PipelineSmokeTest extends ActorTestSupport {
  @Test
  void shouldFanOutAndStopClean() {
    MelticaPipeline pipeline = startPipeline("p");
    TestProbe<Long> got = testKit.createTestProbe();
    for (int i = 0; i < 3; i++) {
      pipeline.subscribe("s" + i, List.of("BTC-USDT"), (e, c) -> got.ref().tell(e.price()));
    }

    pipeline.publish(asTrade(pipeline.acquire(), BTC, 5));

    got.expectMessage(5L);
    got.expectMessage(5L);
    got.expectMessage(5L);
    assertThat(pipeline.metrics().router().deliveries()).isEqualTo(3);
    assertThat(pipeline.metrics().router().duplicates()).as("shared by default").isZero();
    assertThat(pipeline.pool().acquiredCount()).as("one envelope for the three").isEqualTo(1);
  }
}
