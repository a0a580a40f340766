package io.meltica.supervision;

import io.meltica.leakcheck.LeakCheck;
import io.meltica.pool.EventPool;
import io.meltica.pool.PoolConfig;
import io.meltica.pool.Recycler;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A fresh ActorSystem and pool per test; after each test {@link LeakCheck} checks both. */
@ExtendWith(LogCapturingExtension.class)
abstract class ActorTestSupport {
  @RegisterExtension protected final LeakCheck leaks = LeakCheck.create();

  protected final ActorTestKit testKit = ActorTestKit.create(getClass().getSimpleName());
  protected final EventPool pool = leaks.watch(new EventPool(PoolConfig.ofCapacity(64)));
  protected final Recycler recycler = pool.recycler();

  {
    leaks.watch(testKit.system());
  }
}
