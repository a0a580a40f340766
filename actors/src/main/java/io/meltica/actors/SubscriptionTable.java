package io.meltica.actors;

import io.meltica.protocol.ConsumerMessage;
import io.meltica.protocol.Subscribe;
import io.meltica.protocol.Unsubscribe;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * The router's subscriptions: for each instrument id, the array of consumers to deliver to (those
 * subscribed to it plus those subscribed to every instrument, each once, in consumer id order).
 * Instrument id 0 (events of no instrument, such as control acks) goes to every consumer. Arrays
 * are rebuilt on every change and only read on the hot path.
 *
 * <p>Confined to the router actor; not thread-safe.
 */
final class SubscriptionTable {
  private static final Recipient[] NOBODY = new Recipient[0];

  /**
   * One consumer as the router sends to it, with the lane of the batches the router fills for it.
   */
  static final class Recipient {
    private final int consumerId;
    private final ActorRef<ConsumerMessage> ref;
    private final String ownerTag;
    private final OutgoingBatches.Lane lane;

    Recipient(int consumerId, ActorRef<ConsumerMessage> ref, String ownerTag) {
      this.consumerId = consumerId;
      this.ref = ref;
      this.ownerTag = ownerTag;
      this.lane = new OutgoingBatches.Lane(ref);
    }

    OutgoingBatches.Lane lane() {
      return lane;
    }

    int consumerId() {
      return consumerId;
    }

    ActorRef<ConsumerMessage> ref() {
      return ref;
    }

    /** How an envelope on its way to this consumer names its holder. */
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

  /** The target consumer alone, or nobody if it is not subscribed. */
  Recipient[] only(int consumerId) {
    if (consumerId <= 0 || consumerId >= byConsumer.length || byConsumer[consumerId] == null) {
      return NOBODY;
    }
    return byConsumer[consumerId];
  }

  Recipient[] everyone() {
    return everyone;
  }

  /** Adds a subscription; true if the consumer was not known before. */
  boolean add(Subscribe subscribe) {
    Subscriber subscriber = subscribers.get(subscribe.consumerId());
    boolean isNew = subscriber == null || !subscriber.ref.equals(subscribe.consumer());
    if (isNew) {
      subscriber = new Subscriber(subscribe.consumerId(), subscribe.consumer());
      subscribers.put(subscribe.consumerId(), subscriber);
    }
    if (subscribe.instrumentId() == Subscribe.ALL_INSTRUMENTS) {
      subscriber.allInstruments = true;
    } else {
      subscriber.instruments.set(subscribe.instrumentId());
    }
    rebuild();
    return isNew;
  }

  /** Removes a subscription, or the consumer altogether; its ref if it is gone, else null. */
  ActorRef<ConsumerMessage> remove(Unsubscribe unsubscribe) {
    Subscriber subscriber = subscribers.get(unsubscribe.consumerId());
    if (subscriber == null) {
      return null;
    }
    if (unsubscribe.instrumentId() != Subscribe.ALL_INSTRUMENTS) {
      subscriber.instruments.clear(unsubscribe.instrumentId());
      rebuild();
      return null;
    }
    subscribers.remove(unsubscribe.consumerId());
    rebuild();
    return subscriber.ref;
  }

  /** Removes the consumer with this ref; its id, or 0 if none had it. */
  int removeRef(ActorRef<?> ref) {
    for (Subscriber subscriber : subscribers.values()) {
      if (subscriber.ref.equals(ref)) {
        subscribers.remove(subscriber.consumerId);
        rebuild();
        return subscriber.consumerId;
      }
    }
    return 0;
  }

  private void rebuild() {
    int highestInstrument = knownInstruments;
    int highestConsumer = 0;
    for (Subscriber subscriber : subscribers.values()) {
      highestInstrument = Math.max(highestInstrument, subscriber.instruments.length() - 1);
      highestConsumer = Math.max(highestConsumer, subscriber.consumerId);
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
      consumers[subscriber.consumerId] = new Recipient[] {subscriber.recipient};
    }
    byInstrument = instruments;
    byConsumer = consumers;
    everyone = subscribers.values().stream().map(s -> s.recipient).toArray(Recipient[]::new);
  }

  private static final class Subscriber {
    final int consumerId;
    final ActorRef<ConsumerMessage> ref;
    final Recipient recipient;
    final BitSet instruments = new BitSet();
    boolean allInstruments;

    Subscriber(int consumerId, ActorRef<ConsumerMessage> ref) {
      this.consumerId = consumerId;
      this.ref = ref;
      this.recipient = new Recipient(consumerId, ref, "consumer " + consumerId);
    }
  }
}
