package io.meltica.protocol;

import java.util.Objects;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * Asks the router to deliver events of one instrument, or of every instrument, to a consumer.
 * Subscribing twice to the same instrument is harmless.
 *
 * @param consumerId the consumer's id, unique in the pipeline and greater than 0
 * @param instrumentId an id from {@link IdRegistry}, or {@link #ALL_INSTRUMENTS}
 * @param consumer where to deliver
 */
public record Subscribe(int consumerId, int instrumentId, ActorRef<ConsumerMessage> consumer)
    implements RouterMessage {
  /** Instrument id that subscribes to every instrument. */
  public static final int ALL_INSTRUMENTS = 0;

  public Subscribe {
    if (consumerId <= 0) {
      throw new IllegalArgumentException("consumerId must be > 0, got " + consumerId);
    }
    if (instrumentId < 0) {
      throw new IllegalArgumentException("instrumentId must be >= 0, got " + instrumentId);
    }
    Objects.requireNonNull(consumer, "consumer");
  }

  /** A subscription to every instrument. */
  public static Subscribe toAll(int consumerId, ActorRef<ConsumerMessage> consumer) {
    return new Subscribe(consumerId, ALL_INSTRUMENTS, consumer);
  }
}
