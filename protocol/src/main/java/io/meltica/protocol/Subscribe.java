package io.meltica.protocol;

import java.util.Objects;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * Asks the router to deliver events of one instrument, or of every instrument, to a strategy.
 * Subscribing twice to the same instrument is harmless.
 *
 * @param strategyId the strategy's id, unique in the pipeline and greater than 0
 * @param instrumentId an id from {@link IdRegistry}, or {@link #ALL_INSTRUMENTS}
 * @param strategy where to deliver
 */
public record Subscribe(int strategyId, int instrumentId, ActorRef<StrategyMessage> consumer)
    implements RouterMessage {
  /** Instrument id that subscribes to every instrument. */
  public static final int ALL_INSTRUMENTS = 0;

  public Subscribe {
    if (strategyId <= 0) {
      throw new IllegalArgumentException("strategyId must be > 0, got " + strategyId);
    }
    if (instrumentId < 0) {
      throw new IllegalArgumentException("instrumentId must be >= 0, got " + instrumentId);
    }
    Objects.requireNonNull(consumer, "consumer");
  }

  /** A subscription to every instrument. */
  public static Subscribe toAll(int strategyId, ActorRef<StrategyMessage> consumer) {
    return new Subscribe(strategyId, ALL_INSTRUMENTS, consumer);
  }
}
