package io.meltica.protocol;

/**
 * Removes a subscription. With {@link Subscribe#ALL_INSTRUMENTS} it removes the consumer from the
 * router altogether (every subscription and targeted delivery).
 */
public record Unsubscribe(int consumerId, int instrumentId) implements RouterMessage {
  /** Removes every subscription of the consumer. */
  public static Unsubscribe fromAll(int consumerId) {
    return new Unsubscribe(consumerId, Subscribe.ALL_INSTRUMENTS);
  }
}
