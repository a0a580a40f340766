package io.meltica.cluster.wire;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.meltica.cluster.WirePool;
import io.meltica.pool.EventPool;
import io.meltica.protocol.Event;
import java.time.Duration;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.serialization.Serialization;
import org.apache.pekko.serialization.SerializationExtension;

/**
 * One ActorSystem for the wire tests, with the serializer its configuration binds to Event, its
 * wire counters and its wire pool. {@link #shutDown} checks that the system terminated.
 */
final class WireTestNode {
  final ActorTestKit kit;
  final Serialization serialization;
  final EventSerializer serializer;
  final WireStats stats;

  private WireTestNode(ActorTestKit kit) {
    this.kit = kit;
    this.serialization = SerializationExtension.get(Adapter.toClassic(kit.system()));
    this.serializer = (EventSerializer) serialization.findSerializerFor(Event.standalone());
    this.stats = WireStatsExtension.get(kit.system());
  }

  static WireTestNode start(String name) {
    return start(name, ConfigFactory.load());
  }

  static WireTestNode start(String name, Config config) {
    return new WireTestNode(ActorTestKit.create(name, config));
  }

  /** The pool this node decodes into (looked up each time: a pipeline may replace it). */
  EventPool wirePool() {
    return WirePool.get(kit.system()).pool();
  }

  void shutDown() {
    kit.shutdownTestKit();
    assertThat(kit.system().getWhenTerminated().toCompletableFuture())
        .succeedsWithin(Duration.ofSeconds(10));
  }
}
