package io.meltica.actors;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.ConfigFactory;
import io.meltica.protocol.EventKind;
import java.time.Duration;
import java.util.List;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.junit.jupiter.api.Test;

class PipelineSmokeTest {
  @Test
  void shouldFanOutAndStopClean() {
    ActorTestKit kit = ActorTestKit.create("smoke", ConfigFactory.load());
    MelticaPipeline pipeline =
        MelticaPipeline.start(kit.system(), MelticaSettings.fromConfig(ConfigFactory.load()), "p");
    TestProbe<Long> got = kit.createTestProbe();
    for (int i = 0; i < 3; i++) {
      pipeline.subscribe("s" + i, List.of("BTC-USDT"), (e, c) -> got.ref().tell(e.price()));
    }
    pipeline.publish(pipeline.acquire().setKind(EventKind.TRADE).setInstrumentId(1).setPrice(5));
    got.expectMessage(5L);
    got.expectMessage(5L);
    got.expectMessage(5L);
    kit.shutdownTestKit();
    assertThat(kit.system().getWhenTerminated().toCompletableFuture())
        .succeedsWithin(Duration.ofSeconds(10));
    assertThat(pipeline.pool().inUse()).as(pipeline.pool().leakReport().toString()).isZero();
    assertThat(pipeline.metrics().router().duplicates()).isEqualTo(2);
  }
}
