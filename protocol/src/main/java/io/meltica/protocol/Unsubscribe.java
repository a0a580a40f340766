package io.meltica.protocol;

/**
 * Removes a subscription. With {@link Subscribe#ALL_INSTRUMENTS} it removes the strategy from the
 * router altogether (every subscription and targeted delivery).
 */
public record Unsubscribe(int strategyId, int instrumentId) implements RouterMessage {
  /** Removes every subscription of the strategy. */
  public static Unsubscribe fromAll(int strategyId) {
    return new Unsubscribe(strategyId, Subscribe.ALL_INSTRUMENTS);
  }
}
