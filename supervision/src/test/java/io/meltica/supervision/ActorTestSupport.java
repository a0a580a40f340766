package io.meltica.supervision;

import com.typesafe.config.ConfigFactory;
import io.meltica.leakcheck.LeakCheck;
import io.meltica.pool.EventPool;
import io.meltica.pool.PoolConfig;
import io.meltica.pool.Recycler;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.apache.pekko.actor.typed.ActorRefResolver;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A fresh ActorSystem and pool per test; after each test {@link LeakCheck} checks both. */
@ExtendWith(LogCapturingExtension.class)
abstract class ActorTestSupport {
  @RegisterExtension protected final LeakCheck leaks = LeakCheck.create();

  protected final ActorTestKit testKit = ActorTestKit.create(getClass().getSimpleName());
  protected final EventPool pool = leaks.watch(new EventPool(PoolConfig.ofCapacity(64)));
  protected final Recycler recycler = pool.recycler();

  private ActorTestKit remoteKit;

  {
    leaks.watch(testKit.system());
  }

  /**
   * An actor on another node (a Pekko {@code RemoteActorRef}), as Artery's outbound drops name
   * their recipient. Resolved by a second, remote-enabled system; nothing is ever sent to it.
   */
  protected org.apache.pekko.actor.ActorRef remoteRecipient() {
    if (remoteKit == null) {
      remoteKit =
          ActorTestKit.create(
              getClass().getSimpleName() + "-remote",
              ConfigFactory.parseString(
                      """
                      pekko.actor.provider = remote
                      pekko.remote.artery.transport = tcp
                      pekko.remote.artery.canonical.hostname = 127.0.0.1
                      pekko.remote.artery.canonical.port = 0
                      pekko.coordinated-shutdown.run-by-jvm-shutdown-hook = off
                      """)
                  .withFallback(ConfigFactory.load()));
      leaks.watch(remoteKit.system());
    }
    return Adapter.toClassic(
        ActorRefResolver.get(remoteKit.system())
            .resolveActorRef("pekko://elsewhere@127.0.0.1:25519/system/sharding/strategy"));
  }
}
