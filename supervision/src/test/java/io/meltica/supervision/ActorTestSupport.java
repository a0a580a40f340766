package io.meltica.supervision;

import static org.assertj.core.api.Assertions.assertThat;

import io.meltica.pool.EventPool;
import io.meltica.pool.PoolConfig;
import io.meltica.pool.Recycler;
import java.time.Duration;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.ExtendWith;

/** A fresh ActorSystem and pool per test; after each test both must be clean. */
@ExtendWith(LogCapturingExtension.class)
abstract class ActorTestSupport {
  protected final ActorTestKit testKit = ActorTestKit.create(getClass().getSimpleName());
  protected final EventPool pool = new EventPool(PoolConfig.ofCapacity(64));
  protected final Recycler recycler = new Recycler(pool);

  @AfterEach
  void systemTerminatedAndNoEnvelopeLeaked() {
    testKit.shutdownTestKit();
    assertThat(testKit.system().getWhenTerminated().toCompletableFuture())
        .succeedsWithin(Duration.ofSeconds(10));
    assertThat(pool.inUse()).as(pool.leakReport().toString()).isZero();
  }
}
