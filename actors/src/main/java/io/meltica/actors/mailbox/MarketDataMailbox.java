package io.meltica.actors.mailbox;

import com.typesafe.config.Config;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.dispatch.MailboxType;
import org.apache.pekko.dispatch.MessageQueue;
import org.apache.pekko.dispatch.ProducesMessageQueue;
import scala.Option;

/**
 * The strategies' mailbox: control messages first, critical events never dropped, market data
 * conflated or bounded per {@link MarketDataPolicy}. Pekko instantiates it from a mailbox
 * configuration block with the keys {@code policy}, {@code capacity} and {@code batch-size} (see
 * {@code meltica.strategy-mailboxes} in reference.conf), one queue per strategy. The conflation
 * table is sized from the ActorSystem's registry ({@code meltica.instruments} and {@code
 * meltica.venues}). Each queue's {@link MailboxDrops} are registered with {@link StrategyMailboxes}
 * under its actor.
 */
public final class MarketDataMailbox implements MailboxType, ProducesMessageQueue<MarketDataQueue> {
  /** Events per dequeue for a mailbox configured without {@code batch-size}. */
  static final int DEFAULT_BATCH_SIZE = 64;

  private final MarketDataPolicy policy;
  private final int capacity;
  private final int batchSize;
  private final ConflationKeys keys;

  /** The constructor Pekko calls. */
  public MarketDataMailbox(ActorSystem.Settings settings, Config config) {
    this(
        MarketDataPolicy.fromConfigName(config.getString("policy")),
        config.getInt("capacity"),
        config.hasPath("batch-size") ? config.getInt("batch-size") : DEFAULT_BATCH_SIZE,
        ConflationKeys.fromConfig(settings.config()));
  }

  MarketDataMailbox(MarketDataPolicy policy, int capacity, int batchSize, ConflationKeys keys) {
    if (capacity < 1) {
      throw new IllegalArgumentException("mailbox capacity must be >= 1, got " + capacity);
    }
    if (batchSize < 1) {
      throw new IllegalArgumentException("mailbox batch-size must be >= 1, got " + batchSize);
    }
    this.policy = policy;
    this.capacity = capacity;
    this.batchSize = batchSize;
    this.keys = keys;
  }

  @Override
  public MessageQueue create(Option<ActorRef> owner, Option<ActorSystem> system) {
    MailboxDrops drops = new MailboxDrops();
    if (owner.isEmpty() || system.isEmpty()) {
      return new MarketDataQueue(
          policy, capacity, batchSize, keys, drops, ActorRef.noSender(), () -> {});
    }
    StrategyMailboxes mailboxes = StrategyMailboxes.get(system.get());
    MarketDataQueue queue =
        new MarketDataQueue(
            policy,
            capacity,
            batchSize,
            keys,
            drops,
            system.get().deadLetters(),
            () -> mailboxes.unregister(owner.get()));
    mailboxes.register(owner.get(), drops, queue);
    return queue;
  }
}
