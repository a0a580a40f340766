package io.meltica.cluster.wire;

import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.ExtensionId;

/**
 * Gives each ActorSystem its one {@link WireStats}. Pekko makes serializers by reflection with only
 * the system in hand, so the serializer, tests and metrics all meet here.
 *
 * <p>Thread-safe: Pekko's extension registry creates the instance once per system, whichever thread
 * asks first.
 */
public final class WireStatsExtension extends ExtensionId<WireStats> {
  private static final WireStatsExtension INSTANCE = new WireStatsExtension();

  private WireStatsExtension() {}

  /** The wire counters of {@code system}. */
  public static WireStats get(ActorSystem<?> system) {
    return INSTANCE.apply(system);
  }

  @Override
  public WireStats createExtension(ActorSystem<?> system) {
    return new WireStats();
  }
}
