package io.meltica.actors;

import io.meltica.protocol.StrategyMessage;
import io.meltica.protocol.Subscribe;
import io.meltica.protocol.Unsubscribe;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * The router's subscriptions: for each instrument id, the array of strategies to deliver to (those
 * subscribed to it plus those subscribed to every instrument, each once, in strategy id order).
 * Instrument id 0 (events of no instrument, such as control acks) goes to every strategy. Arrays
 * are rebuilt on every change and only read on the hot path.
 *
 * <p>Confined to the router actor; not thread-safe.
 */
final class SubscriptionTable {
  private static final Recipient[] NOBODY = new Recipient[0];

  /**
   * One strategy as the router sends to it, with the lane of the batches the router fills for it.
   */
  static final class Recipient {
    private final int strategyId;
    private final ActorRef<StrategyMessage> ref;
    private final String ownerTag;
    private final OutgoingBatches.Lane lane;

    Recipient(int strategyId, ActorRef<StrategyMessage> ref, String ownerTag) {
      this.strategyId = strategyId;
      this.ref = ref;
      this.ownerTag = ownerTag;
      this.lane = new OutgoingBatches.Lane(ref);
    }

    OutgoingBatches.Lane lane() {
      return lane;
    }

    int strategyId() {
      return strategyId;
    }

    ActorRef<StrategyMessage> ref() {
      return ref;
    }

    /** How an envelope on its way to this strategy names its holder. */
    String ownerTag() {
      return ownerTag;
    }
  }

  private final Map<Integer, Subscriber> subscribers = new TreeMap<>();
  private final int knownInstruments;
  private Recipient[][] byInstrument;
  private Recipient[][] byConsumer = new Recipient[1][];
  private Recipient[] everyone = NOBODY;

  SubscriptionTable(int knownInstruments) {
    this.knownInstruments = knownInstruments;
    rebuild();
  }

  /** Recipients of events of {@code instrumentId}; empty if nobody follows it (or it is < 0). */
  Recipient[] recipientsOf(int instrumentId) {
    if (instrumentId == 0) {
      return everyone;
    }
    return instrumentId > 0 && instrumentId < byInstrument.length
        ? byInstrument[instrumentId]
        : NOBODY;
  }

  /** The target strategy alone, or nobody if it is not subscribed. */
  Recipient[] only(int strategyId) {
    if (strategyId <= 0 || strategyId >= byConsumer.length || byConsumer[strategyId] == null) {
      return NOBODY;
    }
    return byConsumer[strategyId];
  }

  Recipient[] everyone() {
    return everyone;
  }

  /** Adds a subscription; true if the strategy was not known before. */
  boolean add(Subscribe subscribe) {
    Subscriber subscriber = subscribers.get(subscribe.strategyId());
    boolean isNew = subscriber == null || !subscriber.ref.equals(subscribe.consumer());
    if (isNew) {
      subscriber = new Subscriber(subscribe.strategyId(), subscribe.consumer());
      subscribers.put(subscribe.strategyId(), subscriber);
    }
    if (subscribe.instrumentId() == Subscribe.ALL_INSTRUMENTS) {
      subscriber.allInstruments = true;
    } else {
      subscriber.instruments.set(subscribe.instrumentId());
    }
    rebuild();
    return isNew;
  }

  /** Removes a subscription, or the strategy altogether; its ref if it is gone, else null. */
  ActorRef<StrategyMessage> remove(Unsubscribe unsubscribe) {
    Subscriber subscriber = subscribers.get(unsubscribe.strategyId());
    if (subscriber == null) {
      return null;
    }
    if (unsubscribe.instrumentId() != Subscribe.ALL_INSTRUMENTS) {
      subscriber.instruments.clear(unsubscribe.instrumentId());
      rebuild();
      return null;
    }
    subscribers.remove(unsubscribe.strategyId());
    rebuild();
    return subscriber.ref;
  }

  /** Removes the strategy with this ref; its id, or 0 if none had it. */
  int removeRef(ActorRef<?> ref) {
    for (Subscriber subscriber : subscribers.values()) {
      if (subscriber.ref.equals(ref)) {
        subscribers.remove(subscriber.strategyId);
        rebuild();
        return subscriber.strategyId;
      }
    }
    return 0;
  }

  private void rebuild() {
    int highestInstrument = knownInstruments;
    int highestConsumer = 0;
    for (Subscriber subscriber : subscribers.values()) {
      highestInstrument = Math.max(highestInstrument, subscriber.instruments.length() - 1);
      highestConsumer = Math.max(highestConsumer, subscriber.strategyId);
    }
    Recipient[][] instruments = new Recipient[highestInstrument + 1][];
    for (int instrument = 1; instrument <= highestInstrument; instrument++) {
      List<Recipient> recipients = new ArrayList<>();
      for (Subscriber subscriber : subscribers.values()) {
        if (subscriber.allInstruments || subscriber.instruments.get(instrument)) {
          recipients.add(subscriber.recipient);
        }
      }
      instruments[instrument] = recipients.toArray(NOBODY);
    }
    Recipient[][] consumers = new Recipient[highestConsumer + 1][];
    for (Subscriber subscriber : subscribers.values()) {
      consumers[subscriber.strategyId] = new Recipient[] {subscriber.recipient};
    }
    byInstrument = instruments;
    byConsumer = consumers;
    everyone = subscribers.values().stream().map(s -> s.recipient).toArray(Recipient[]::new);
  }

  private static final class Subscriber {
    final int strategyId;
    final ActorRef<StrategyMessage> ref;
    final Recipient recipient;
    final BitSet instruments = new BitSet();
    boolean allInstruments;

    Subscriber(int strategyId, ActorRef<StrategyMessage> ref) {
      this.strategyId = strategyId;
      this.ref = ref;
      this.recipient = new Recipient(strategyId, ref, "strategy " + strategyId);
    }
  }
}
