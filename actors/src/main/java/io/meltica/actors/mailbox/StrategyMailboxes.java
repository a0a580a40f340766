package io.meltica.actors.mailbox;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Extension;
import org.apache.pekko.actor.typed.ExtensionId;
import org.apache.pekko.actor.typed.javadsl.Adapter;

/**
 * Finds the {@link MailboxDrops} and the {@link ControlLane} of a strategy actor's {@link
 * MarketDataMailbox}: Pekko makes the mailbox, so this is how the strategy (whoever spawned it: the
 * pipeline, Cluster Sharding) links its metrics to the mailbox's counts and reads control messages
 * between the events of a batch. A mailbox registers when it is made and leaves when it is cleaned
 * up.
 *
 * <p>Thread-safe: one per ActorSystem.
 */
public final class StrategyMailboxes implements Extension {
  private static final ExtensionId<StrategyMailboxes> ID =
      new ExtensionId<>() {
        @Override
        public StrategyMailboxes createExtension(ActorSystem<?> system) {
          return new StrategyMailboxes();
        }
      };

  private record Registered(MailboxDrops drops, ControlLane controls) {}

  private final Map<org.apache.pekko.actor.ActorRef, Registered> byOwner =
      new ConcurrentHashMap<>();

  private StrategyMailboxes() {}

  public static StrategyMailboxes get(ActorSystem<?> system) {
    return ID.apply(system);
  }

  static StrategyMailboxes get(org.apache.pekko.actor.ActorSystem system) {
    return get(Adapter.toTyped(system));
  }

  /**
   * The drop counts of {@code strategy}'s mailbox, or null if it has no {@link MarketDataMailbox}.
   */
  public MailboxDrops dropsOf(ActorRef<?> strategy) {
    Registered registered = byOwner.get(Adapter.toClassic(strategy));
    return registered == null ? null : registered.drops();
  }

  /** The control lane of {@code strategy}'s mailbox, or {@link ControlLane#NONE} if it has none. */
  public ControlLane controlsOf(ActorRef<?> strategy) {
    Registered registered = byOwner.get(Adapter.toClassic(strategy));
    return registered == null ? ControlLane.NONE : registered.controls();
  }

  void register(org.apache.pekko.actor.ActorRef owner, MailboxDrops drops, ControlLane controls) {
    byOwner.put(owner, new Registered(drops, controls));
  }

  void unregister(org.apache.pekko.actor.ActorRef owner) {
    byOwner.remove(owner);
  }
}
