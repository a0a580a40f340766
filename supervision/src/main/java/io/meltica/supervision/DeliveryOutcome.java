package io.meltica.supervision;

import io.meltica.pool.RecycleReason;

/**
 * What became of the event a strategy is handling: handled (the default) or filtered by its gate.
 * The strategy marks it; {@link RecycleAfterHandle} reads it to recycle with the right {@link
 * RecycleReason}.
 *
 * <p>Confined to one strategy actor: written and read only while that actor processes a message, so
 * Pekko's actor guarantee (happens-before between successive messages) is all the synchronisation
 * it needs. It is created outside the supervised behaviour so that it survives a restart.
 */
public final class DeliveryOutcome {
  private RecycleReason reason = RecycleReason.STRATEGY_HANDLED;

  /** The gate rejected the current event: it is recycled as filtered, not as handled. */
  public void markFiltered() {
    reason = RecycleReason.FILTERED_BY_GATE;
  }

  void begin() {
    reason = RecycleReason.STRATEGY_HANDLED;
  }

  RecycleReason reason() {
    return reason;
  }
}
