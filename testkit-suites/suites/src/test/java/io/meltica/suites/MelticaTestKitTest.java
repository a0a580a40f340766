package io.meltica.suites;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedSuccessfully;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import io.meltica.actors.MelticaPipeline;
import io.meltica.testkit.MelticaTestKit;
import io.meltica.testkit.TestEvents;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

/** The leak checks of {@link MelticaTestKit} fail the tests that leak, and only those. */
class MelticaTestKitTest {

  @Test
  void shouldPassATestThatCleansUp() {
    run("cleansUp").assertThatEvents().haveExactly(1, event(finishedSuccessfully()));
  }

  @Test
  void shouldFailATestThatKeepsAnEnvelopeNamingItsOwner() {
    run("keepsAnEnvelope")
        .assertThatEvents()
        .haveExactly(
            1,
            event(
                finishedWithFailure(
                    message(
                        m ->
                            m.contains("the test left 1 envelopes in use: 1 envelope(s) in use")
                                && m.contains("acquired by 'publisher'")))));
  }

  @Test
  void shouldFailATestThatLeavesANonDaemonThreadBehind() {
    run("leavesAThread")
        .assertThatEvents()
        .haveExactly(
            1,
            event(finishedWithFailure(message(m -> m.contains("left behind: forgotten-worker")))));
    Examples.forgottenWorkerMayEnd.countDown();
  }

  private static Events run(String example) {
    return EngineTestKit.engine("junit-jupiter")
        .selectors(selectMethod(Examples.class, example))
        .execute()
        .testEvents();
  }

  /** Run only through the engine above (surefire skips nested classes). */
  static class Examples {
    static final CountDownLatch forgottenWorkerMayEnd = new CountDownLatch(1);

    @RegisterExtension
    final MelticaTestKit meltica =
        MelticaTestKit.create().withCleanUpTimeout(Duration.ofMillis(200));

    @Test
    void cleansUp() {
      MelticaPipeline pipeline = meltica.pipeline();
      pipeline.subscribe("calm", List.of(), (e, ctx) -> {});
      TestEvents.on(pipeline).trade("BTC-USDT", "binance", 1, 1);
      MelticaTestKit.awaitIdle(pipeline, Duration.ofSeconds(5));
    }

    @Test
    void keepsAnEnvelope() {
      meltica.pipeline().acquire();
    }

    @Test
    void leavesAThread() {
      Thread worker =
          new Thread(
              () -> {
                try {
                  forgottenWorkerMayEnd.await();
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              },
              "forgotten-worker");
      worker.start();
    }
  }
}
