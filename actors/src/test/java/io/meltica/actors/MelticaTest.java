package io.meltica.actors;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.meltica.pool.RecycleReason;
import java.time.Duration;
import java.util.List;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.junit.jupiter.api.Test;

class MelticaTest extends ActorTestSupport {
  @Override
  protected Config systemConfig() {
    return ConfigFactory.parseString(
            "meltica { pool.capacity = 128, instruments = [\"AAA\", \"BBB\"] }")
        .withFallback(ConfigFactory.load());
  }

  @Test
  void shouldStartOnePipelinePerSystemFromTheSystemsConfig() {
    Meltica meltica = Meltica.get(testKit.system());
    MelticaPipeline pipeline = meltica.pipeline();
    checkNoLeaks(pipeline.pool());

    assertThat(Meltica.get(testKit.system())).isSameAs(meltica);
    assertThat(Meltica.get(testKit.system()).pipeline()).isSameAs(pipeline);
    assertThat(pipeline.ids().instrumentSymbols()).containsExactly("AAA", "BBB");
    assertThat(pipeline.pool().capacity()).isEqualTo(128);
  }

  @Test
  void shouldDeliverEventsThroughTheExtensionsPipeline() {
    MelticaPipeline pipeline = Meltica.get(testKit.system()).pipeline();
    checkNoLeaks(pipeline.pool());
    TestProbe<Long> got = testKit.createTestProbe();
    pipeline.subscribe("s", List.of("BBB"), (event, ctx) -> got.ref().tell(event.price()));

    pipeline.publish(asTrade(pipeline.acquire(), 2, 9));

    got.expectMessage(9L);
  }

  @Test
  void shouldStopItsPipelineWhenTheSystemTerminates() {
    MelticaPipeline pipeline = Meltica.get(testKit.system()).pipeline();
    checkNoLeaks(pipeline.pool());

    testKit.shutdownTestKit();
    assertThat(testKit.system().getWhenTerminated().toCompletableFuture())
        .succeedsWithin(Duration.ofSeconds(10));

    assertThat(pipeline.publish(asTrade(pipeline.acquire(), 1, 1))).isFalse();
    assertThat(pipeline.recycler().recycledCount(RecycleReason.SHUTDOWN)).isEqualTo(1);
  }
}
