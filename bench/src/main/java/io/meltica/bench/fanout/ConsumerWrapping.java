package io.meltica.bench.fanout;

import io.meltica.bench.Labelled;
import io.meltica.pool.RecycleReason;
import io.meltica.pool.Recycler;
import io.meltica.protocol.ConsumerMessage;
import io.meltica.protocol.Event;
import io.meltica.supervision.DeliveryOutcome;
import io.meltica.supervision.FailureAggregator;
import io.meltica.supervision.RecycleAfterHandle;
import io.meltica.supervision.SupervisedConsumer;
import io.meltica.supervision.SupervisionSettings;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;

/**
 * The layers Meltica wraps around every strategy, added one at a time, so that the cost of each per
 * delivery can be read off a benchmark: the recycle-after-handle interceptor, supervision, the
 * per-message MDC ({@link SupervisedConsumer#wrap}), and a consumer that returns {@code this} from
 * its handler (as {@code io.meltica.actors.Consumer} did before docs/performance.md's JFR finding)
 * instead of {@code Behaviors.same()}. Each variant handles pooled events with the same trivial
 * handler and recycles them.
 */
public enum ConsumerWrapping implements Labelled {
  /** No wrapping: the handler recycles the event itself. */
  BARE("bare"),
  /** The {@link RecycleAfterHandle} interceptor. */
  RECYCLE("recycle-interceptor"),
  /** Supervision (resume) around the interceptor. */
  SUPERVISED("recycle-supervise"),
  /**
   * Meltica's nesting with the lazy MDC (the default) around a handler returning {@code same()}.
   */
  LAZY_MDC("meltica-wrap"),
  /** The same with {@code meltica.consumer.supervision.mdc = per-message}: {@code withMdc}. */
  PER_MESSAGE_MDC("meltica-wrap-mdc-per-message"),
  /**
   * Meltica's default nesting around a behaviour that returns {@code this}: the pipeline before.
   */
  RETURNING_THIS("meltica-wrap-returning-this");

  private final String label;

  ConsumerWrapping(String label) {
    this.label = label;
  }

  @Override
  public String label() {
    return label;
  }

  /**
   * The behaviour of subscriber {@code consumerId}.
   *
   * @param failures where handler failures would be reported (none happen here)
   */
  Behavior<ConsumerMessage> create(
      int consumerId,
      DeliveryTally tally,
      Recycler recycler,
      ActorRef<FailureAggregator.Command> failures) {
    SupervisionSettings lazy = SupervisionSettings.resume();
    return switch (this) {
      case BARE -> selfRecycling(tally, recycler);
      case RECYCLE -> recycling(consumerId, returningSame(tally), recycler, failures);
      case SUPERVISED ->
          Behaviors.supervise(recycling(consumerId, returningSame(tally), recycler, failures))
              .onFailure(Exception.class, lazy.toStrategy());
      case LAZY_MDC -> wrapped(consumerId, returningSame(tally), recycler, failures, lazy);
      case PER_MESSAGE_MDC ->
          wrapped(consumerId, returningSame(tally), recycler, failures, perMessageMdc(lazy));
      case RETURNING_THIS ->
          wrapped(
              consumerId,
              Behaviors.setup(ctx -> new ReturningThis(ctx, tally)),
              recycler,
              failures,
              lazy);
    };
  }

  private static Behavior<ConsumerMessage> wrapped(
      int consumerId,
      Behavior<ConsumerMessage> inner,
      Recycler recycler,
      ActorRef<FailureAggregator.Command> failures,
      SupervisionSettings settings) {
    return SupervisedConsumer.wrap(
        consumerId, inner, new DeliveryOutcome(), recycler, failures, settings);
  }

  private static SupervisionSettings perMessageMdc(SupervisionSettings settings) {
    return new SupervisionSettings(
        settings.restart(),
        settings.maxRestarts(),
        settings.restartWindow(),
        settings.logLevel(),
        true);
  }

  /**
   * The variant labelled {@code label}.
   *
   * @throws IllegalArgumentException naming the known labels
   */
  public static ConsumerWrapping ofLabel(String label) {
    return Labelled.find(values(), label, "consumer wrapping");
  }

  private static Behavior<ConsumerMessage> recycling(
      int consumerId,
      Behavior<ConsumerMessage> inner,
      Recycler recycler,
      ActorRef<FailureAggregator.Command> failures) {
    return Behaviors.intercept(
        () -> new RecycleAfterHandle(consumerId, new DeliveryOutcome(), recycler, failures), inner);
  }

  private static Behavior<ConsumerMessage> selfRecycling(DeliveryTally tally, Recycler recycler) {
    return Behaviors.receive(ConsumerMessage.class)
        .onMessage(
            Event.class,
            event -> {
              tally.onDelivery(event.price());
              recycler.recycle(event, event.generation(), RecycleReason.CONSUMER_HANDLED);
              return Behaviors.same();
            })
        .build();
  }

  private static Behavior<ConsumerMessage> returningSame(DeliveryTally tally) {
    return Behaviors.receive(ConsumerMessage.class)
        .onMessage(
            Event.class,
            event -> {
              tally.onDelivery(event.price());
              return Behaviors.same();
            })
        .build();
  }

  /**
   * Handles like {@code io.meltica.actors.Consumer}: an AbstractBehavior returning {@code this}.
   */
  private static final class ReturningThis extends AbstractBehavior<ConsumerMessage> {
    private final DeliveryTally tally;

    ReturningThis(ActorContext<ConsumerMessage> ctx, DeliveryTally tally) {
      super(ctx);
      this.tally = tally;
    }

    @Override
    public Receive<ConsumerMessage> createReceive() {
      return newReceiveBuilder().onMessage(Event.class, this::onEvent).build();
    }

    private Behavior<ConsumerMessage> onEvent(Event event) {
      tally.onDelivery(event.price());
      return this;
    }
  }
}
