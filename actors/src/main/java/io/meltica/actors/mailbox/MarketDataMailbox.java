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
 * bounded and conflated per {@link MarketDataPolicy}. Pekko instantiates it from a mailbox
 * configuration block with the keys {@code policy} and {@code capacity} (see {@code
 * meltica.consumer-mailboxes} in reference.conf), one queue per strategy.
 */
public final class MarketDataMailbox implements MailboxType, ProducesMessageQueue<MarketDataQueue> {
  private final MarketDataPolicy policy;
  private final int capacity;

  /** The constructor Pekko calls. */
  public MarketDataMailbox(ActorSystem.Settings settings, Config config) {
    this(MarketDataPolicy.fromConfigName(config.getString("policy")), config.getInt("capacity"));
  }

  MarketDataMailbox(MarketDataPolicy policy, int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("mailbox capacity must be >= 1, got " + capacity);
    }
    this.policy = policy;
    this.capacity = capacity;
  }

  @Override
  public MessageQueue create(Option<ActorRef> owner, Option<ActorSystem> system) {
    return new MarketDataQueue(policy, capacity);
  }
}
