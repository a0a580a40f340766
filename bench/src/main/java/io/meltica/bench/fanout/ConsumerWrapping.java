package io.meltica.bench.fanout;

import io.meltica.bench.Labelled;
import io.meltica.pool.RecycleReason;
import io.meltica.pool.Recycler;
import io.meltica.protocol.Event;
import io.meltica.protocol.StrategyMessage;
import io.meltica.supervision.DeliveryOutcome;
import io.meltica.supervision.FailureAggregator;
import io.meltica.supervision.RecycleAfterHandle;
import io.meltica.supervision.SupervisedStrategy;
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
 * per-message MDC ({@link SupervisedStrategy#wrap}), and a strategy that returns {@code this} from
 * its handler (as {@code io.meltica.actors.Strategy} did before docs/performance.md's JFR finding)
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
  /** The same with {@code meltica.strategy.supervision.mdc = per-message}: {@code withMdc}. */
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
   * The behaviour of subscriber {@code strategyId}.
   *
   * @param failures where handler failures would be reported (none happen here)
   */
  Behavior<StrategyMessage> create(
      int strategyId,
      DeliveryTally tally,
      Recycler recycler,
      ActorRef<FailureAggregator.Command> failures) {
    SupervisionSettings lazy = SupervisionSettings.resume();
    return switch (this) {
      case BARE -> selfRecycling(tally, recycler);
      case RECYCLE -> recycling(strategyId, returningSame(tally), recycler, failures);
      case SUPERVISED ->
          Behaviors.supervise(recycling(strategyId, returningSame(tally), recycler, failures))
              .onFailure(Exception.class, lazy.toStrategy());
      case LAZY_MDC -> wrapped(strategyId, returningSame(tally), recycler, failures, lazy);
      case PER_MESSAGE_MDC ->
          wrapped(strategyId, returningSame(tally), recycler, failures, perMessageMdc(lazy));
      case RETURNING_THIS ->
          wrapped(
              strategyId,
              Behaviors.setup(ctx -> new ReturningThis(ctx, tally)),
              recycler,
              failures,
              lazy);
    };
  }

  private static Behavior<StrategyMessage> wrapped(
      int strategyId,
      Behavior<StrategyMessage> inner,
      Recycler recycler,
      ActorRef<FailureAggregator.Command> failures,
      SupervisionSettings settings) {
    return SupervisedStrategy.wrap(
        strategyId, inner, new DeliveryOutcome(), recycler, failures, settings);
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

  private static Behavior<StrategyMessage> recycling(
      int strategyId,
      Behavior<StrategyMessage> inner,
      Recycler recycler,
      ActorRef<FailureAggregator.Command> failures) {
    return Behaviors.intercept(
        () -> new RecycleAfterHandle(strategyId, new DeliveryOutcome(), recycler, failures), inner);
  }

  private static Behavior<StrategyMessage> selfRecycling(DeliveryTally tally, Recycler recycler) {
    return Behaviors.receive(StrategyMessage.class)
        .onMessage(
            Event.class,
            event -> {
              tally.onDelivery(event.price());
              recycler.recycle(event, event.generation(), RecycleReason.STRATEGY_HANDLED);
              return Behaviors.same();
            })
        .build();
  }

  private static Behavior<StrategyMessage> returningSame(DeliveryTally tally) {
    return Behaviors.receive(StrategyMessage.class)
        .onMessage(
            Event.class,
            event -> {
              tally.onDelivery(event.price());
              return Behaviors.same();
            })
        .build();
  }

  /**
   * Handles like {@code io.meltica.actors.Strategy}: an AbstractBehavior returning {@code this}.
   */
  private static final class ReturningThis extends AbstractBehavior<StrategyMessage> {
    private final DeliveryTally tally;

    ReturningThis(ActorContext<StrategyMessage> ctx, DeliveryTally tally) {
      super(ctx);
      this.tally = tally;
    }

    @Override
    public Receive<StrategyMessage> createReceive() {
      return newReceiveBuilder().onMessage(Event.class, this::onEvent).build();
    }

    private Behavior<StrategyMessage> onEvent(Event event) {
      tally.onDelivery(event.price());
      return this;
    }
  }
}
