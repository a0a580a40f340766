package io.meltica.actors.mailbox;

import io.meltica.protocol.StrategyMessage;

/**
 * A strategy mailbox's control messages, as the strategy sees them while it handles a batch of
 * events: a control message (a new minimum routing version) that arrives meanwhile is handled
 * before the batch's next event, as it would overtake that event if the event were still queued.
 *
 * <p>Called by the strategy's own thread only.
 */
public interface ControlLane {
  /** No control messages, ever: for a strategy without a {@link MarketDataMailbox}. */
  ControlLane NONE = () -> null;

  /** The next queued control message for the strategy, taken out of its mailbox; null if none. */
  StrategyMessage pollControl();
}
