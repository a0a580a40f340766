package io.meltica.bench.fanout;

import java.util.function.ToLongFunction;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * A plain Pekko subscriber actor for the baselines: hands the value of each message to its {@link
 * DeliveryTally}. No supervision, MDC or pooling: the minimum a user writes. Pekko runs it one
 * message at a time, so its tally needs no synchronisation.
 */
final class CountingSubscriber {
  private CountingSubscriber() {}

  /**
   * @param valueOf reads the value of a message; pass a method reference (no per-message capture)
   */
  static <T> Behavior<T> create(
      Class<T> messageType, DeliveryTally tally, ToLongFunction<T> valueOf) {
    return Behaviors.receive(messageType)
        .onMessage(
            messageType,
            message -> {
              tally.onDelivery(valueOf.applyAsLong(message));
              return Behaviors.same();
            })
        .build();
  }
}
