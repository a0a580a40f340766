package io.meltica.actors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meltica.pool.RecycleReason;
import io.meltica.protocol.Event;
import io.meltica.protocol.EventBatch;
import io.meltica.protocol.EventKind;
import io.meltica.protocol.MinVersionConfirmed;
import io.meltica.protocol.StrategyMessage;
import io.meltica.protocol.UpdateMinVersion;
import io.meltica.supervision.FailureAggregator;
import io.meltica.supervision.SupervisionSettings;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.HdrHistogram.Histogram;
import org.apache.pekko.actor.UnhandledMessage;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.MailboxSelector;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.eventstream.EventStream;
import org.junit.jupiter.api.Test;
import org.slf4j.event.Level;

class StrategyActorTest extends ActorTestSupport {
  private static final int STRATEGY_ID = 4;

  private final FanOutStats fanOut = new FanOutStats(1, 2);
  private final TestProbe<FailureAggregator.Command> failures = testKit.createTestProbe();
  private final TestProbe<Seen> seen = testKit.createTestProbe();
  private final TestProbe<MinVersionConfirmed> confirms = testKit.createTestProbe();
  private final StrategyMetrics metrics = new StrategyMetrics(STRATEGY_ID, "momentum");
  private static final SupervisionSettings RESTART =
      new SupervisionSettings(true, 5, Duration.ofMinutes(1), Level.DEBUG);

  /** What the handler saw, copied out of the envelope and the context. */
  record Seen(
      EventKind kind,
      long routingVersion,
      long price,
      int strategyId,
      String name,
      long minAcceptedVersion,
      String symbol,
      boolean onItsOwnActor) {}

  /** Reports what it sees; throws on a negative price. */
  private final EventHandler recording =
      (event, ctx) -> {
        if (event.price() < 0) {
          throw new IllegalStateException("negative price " + event.price());
        }
        ctx.log().debug("handling {}", event);
        seen.ref()
            .tell(
                new Seen(
                    event.kind(),
                    event.routingVersion(),
                    event.price(),
                    ctx.strategyId(),
                    ctx.strategyName(),
                    ctx.minAcceptedVersion(),
                    event.instrumentId() == 0
                        ? "-"
                        : ctx.ids().instrumentSymbol(event.instrumentId()),
                    ctx.actorContext().getSelf().path().name().equals("strategy")));
      };

  private ActorRef<StrategyMessage> spawn(EventHandler handler) {
    return spawn(handler, SupervisionSettings.resume(), new AtomicInteger());
  }

  private ActorRef<StrategyMessage> spawn(
      EventHandler handler, SupervisionSettings supervision, AtomicInteger starts) {
    return spawn(handler, supervision, starts, "meltica.strategy-mailbox");
  }

  private ActorRef<StrategyMessage> spawn(
      EventHandler handler,
      SupervisionSettings supervision,
      AtomicInteger starts,
      String mailboxAt) {
    PipelineServices services =
        new PipelineServices(recycler, ids, fanOut, failures.ref(), supervision);
    StrategySpec strategy =
        StrategySpec.of(
            "momentum",
            () -> {
              starts.incrementAndGet();
              return handler;
            });
    Props mailbox = MailboxSelector.fromConfig(mailboxAt);
    return testKit.spawn(
        StrategyActor.create(STRATEGY_ID, strategy, services, metrics), "strategy", mailbox);
  }

  private Event event(EventKind kind, long routingVersion, long price) {
    return trade(BTC, price).setKind(kind).setRoutingVersion(routingVersion);
  }

  private void awaitProcessed(long count) {
    seen.awaitAssert(
        () -> {
          metrics.processingTime().take();
          assertThat(metrics.processingTime().total().getTotalCount()).isEqualTo(count);
          return null;
        });
  }

  @Test
  void shouldHandAnEventToTheHandlerWithTheStrategysContext() {
    ActorRef<StrategyMessage> consumer = spawn(recording);

    consumer.tell(event(EventKind.TRADE, 1, 5));

    seen.expectMessage(
        new Seen(EventKind.TRADE, 1, 5, STRATEGY_ID, "momentum", 0, "BTC-USDT", true));
    awaitRecycled(RecycleReason.STRATEGY_HANDLED, 1);
    assertThat(metrics.deliveredMarketData()).isEqualTo(1);
    assertThat(metrics.delivered()).isEqualTo(1);
    assertThat(metrics.strategyId()).isEqualTo(STRATEGY_ID);
    assertThat(metrics.name()).isEqualTo("momentum");
    metrics.processingTime().take();
    assertThat(metrics.processingTime().total().getTotalCount()).isEqualTo(1);
  }

  @Test
  void shouldConfirmANewMinimumAndFilterOlderMarketData() {
    ActorRef<StrategyMessage> consumer = spawn(recording);

    consumer.tell(new UpdateMinVersion(3, 5, confirms.ref()));
    confirms.expectMessage(new MinVersionConfirmed(STRATEGY_ID, 3, 5));
    consumer.tell(event(EventKind.TRADE, 2, 20));
    consumer.tell(event(EventKind.TRADE, 3, 30));
    consumer.tell(event(EventKind.QUOTE, 1, 10));
    consumer.tell(event(EventKind.CONSOLIDATED_QUOTE, 4, 40));

    assertThat(seen.receiveMessage().price()).isEqualTo(30);
    Seen newer = seen.receiveMessage();
    assertThat(newer.price()).isEqualTo(40);
    assertThat(newer.minAcceptedVersion()).isEqualTo(3);
    awaitRecycled(RecycleReason.FILTERED_BY_GATE, 2);
    awaitRecycled(RecycleReason.STRATEGY_HANDLED, 2);
    assertThat(metrics.filtered()).isEqualTo(2);
    assertThat(metrics.deliveredMarketData()).isEqualTo(2);
    seen.expectNoMessage(QUIET);
  }

  @Test
  void shouldAlwaysPassCriticalEventsWhateverTheirVersion() {
    ActorRef<StrategyMessage> consumer = spawn(recording);
    consumer.tell(new UpdateMinVersion(5, 1, confirms.ref()));

    consumer.tell(event(EventKind.EXEC_REPORT, 1, 1));
    consumer.tell(event(EventKind.CONTROL_ACK, 1, 2).setInstrumentId(0));
    consumer.tell(event(EventKind.CONTROL_RESULT, 0, 3).setInstrumentId(0));

    assertThat(seen.receiveMessage().kind()).isEqualTo(EventKind.EXEC_REPORT);
    assertThat(seen.receiveMessage().kind()).isEqualTo(EventKind.CONTROL_ACK);
    assertThat(seen.receiveMessage().kind()).isEqualTo(EventKind.CONTROL_RESULT);
    awaitRecycled(RecycleReason.STRATEGY_HANDLED, 3);
    assertThat(metrics.deliveredCritical()).isEqualTo(3);
    assertThat(metrics.deliveredMarketData()).isZero();
    assertThat(metrics.filtered()).isZero();
  }

  @Test
  void shouldNeverLowerItsMinimum() {
    ActorRef<StrategyMessage> consumer = spawn(recording);

    consumer.tell(new UpdateMinVersion(3, 1, confirms.ref()));
    consumer.tell(new UpdateMinVersion(2, 2, confirms.ref()));

    confirms.expectMessage(new MinVersionConfirmed(STRATEGY_ID, 3, 1));
    confirms.expectMessage(new MinVersionConfirmed(STRATEGY_ID, 3, 2));
    consumer.tell(event(EventKind.TRADE, 2, 1));
    awaitRecycled(RecycleReason.FILTERED_BY_GATE, 1);
    seen.expectNoMessage(QUIET);
  }

  @Test
  void shouldCountAndReportAFailingHandlerAndGoOn() {
    ActorRef<StrategyMessage> consumer = spawn(recording);

    consumer.tell(event(EventKind.TRADE, 1, -1).setTraceId(0xF00));
    consumer.tell(event(EventKind.TRADE, 1, 2));

    FailureAggregator.ReportFailure report =
        (FailureAggregator.ReportFailure) failures.receiveMessage();
    assertThat(report.strategyId()).isEqualTo(STRATEGY_ID);
    assertThat(report.traceId()).isEqualTo(0xF00);
    assertThat(report.kind()).isEqualTo(EventKind.TRADE);
    assertThat(report.failure()).hasMessage("negative price -1");
    assertThat(seen.receiveMessage().price()).isEqualTo(2);
    awaitRecycled(RecycleReason.STRATEGY_HANDLED, 2);
    assertThat(metrics.failures()).isEqualTo(1);
    assertThat(metrics.deliveredMarketData()).as("a failed call was delivered too").isEqualTo(2);
    awaitProcessed(2);
  }

  /** A router's batch of {@code events}, whose emptied batch is counted in {@code givenBack}. */
  private static EventBatch batchOf(AtomicInteger givenBack, Event... events) {
    EventBatch batch = new EventBatch(events.length, emptied -> givenBack.incrementAndGet());
    for (Event e : events) {
      batch.add(e, e.generation());
    }
    return batch;
  }

  @Test
  void shouldHandleABatchEventByEventAndGoOnWithAFreshHandlerAfterAThrowInTheMiddle() {
    AtomicInteger starts = new AtomicInteger();
    ActorRef<StrategyMessage> consumer = spawn(recording, RESTART, starts);
    AtomicInteger givenBack = new AtomicInteger();

    consumer.tell(
        batchOf(
            givenBack,
            event(EventKind.TRADE, 1, 1),
            event(EventKind.TRADE, 1, 2),
            event(EventKind.TRADE, 1, -3).setTraceId(0x3),
            event(EventKind.TRADE, 1, 4),
            event(EventKind.TRADE, 1, 5)));

    assertThat(seen.receiveMessage().price()).isEqualTo(1);
    assertThat(seen.receiveMessage().price()).isEqualTo(2);
    FailureAggregator.ReportFailure report =
        (FailureAggregator.ReportFailure) failures.receiveMessage();
    assertThat(report.traceId()).as("the third event failed").isEqualTo(0x3);
    assertThat(seen.receiveMessage().price()).isEqualTo(4);
    assertThat(seen.receiveMessage().price()).isEqualTo(5);
    awaitRecycled(RecycleReason.STRATEGY_HANDLED, 5);
    assertThat(starts.get()).as("restarted once, between events 3 and 4").isEqualTo(2);
    seen.awaitAssert(
        () -> assertThat(givenBack.get()).as("the emptied batch went back").isEqualTo(1));
  }

  @Test
  void shouldHandAMinimumUpdateThatArrivesDuringABatchBeforeTheRestOfIt() {
    AtomicInteger givenBack = new AtomicInteger();
    EventHandler flipsOnFirst =
        (event, ctx) -> {
          if (event.price() == 1) { // the flip reaches the mailbox while the batch is handled
            ctx.actorContext().getSelf().tell(new UpdateMinVersion(2, 9, confirms.ref()));
          }
          recording.onEvent(event, ctx);
        };
    ActorRef<StrategyMessage> consumer =
        spawn(
            flipsOnFirst,
            SupervisionSettings.resume(),
            new AtomicInteger(),
            "meltica.strategy-mailboxes.conflate");

    consumer.tell(
        batchOf(
            givenBack,
            event(EventKind.TRADE, 1, 1),
            event(EventKind.TRADE, 1, 2),
            event(EventKind.EXEC_REPORT, 1, 3)));

    assertThat(seen.receiveMessage().price()).isEqualTo(1);
    confirms.expectMessage(new MinVersionConfirmed(STRATEGY_ID, 2, 9));
    assertThat(seen.receiveMessage().price()).as("stale trade 2 filtered").isEqualTo(3);
    awaitRecycled(RecycleReason.FILTERED_BY_GATE, 1);
    awaitRecycled(RecycleReason.STRATEGY_HANDLED, 2);
    assertThat(givenBack.get()).as("unpacked by the mailbox and given back").isEqualTo(1);
  }

  @Test
  void shouldRefuseAnEventOfABatchThatWasReleasedElsewhereAndHandTheRestOn() {
    leaks.expectRefusedReleases(pool, 1);
    ActorRef<StrategyMessage> consumer = spawn(recording);
    Event stale = event(EventKind.TRADE, 1, 7);
    AtomicInteger givenBack = new AtomicInteger();
    EventBatch batch = batchOf(givenBack, stale, event(EventKind.TRADE, 1, 8));
    handled(stale); // released by someone else: the batch's generation is out of date

    consumer.tell(batch);

    assertThat(seen.receiveMessage().price()).isEqualTo(8);
    awaitRecycled(RecycleReason.STRATEGY_HANDLED, 2);
    seen.expectNoMessage(QUIET);
    assertThat(pool.refusedReleaseCount()).isEqualTo(1);
  }

  /** A message the strategy does not know, as another module might send one by mistake. */
  private record Unknown() implements StrategyMessage {}

  @Test
  void shouldLetPekkoReportAMessageTheStrategyDoesNotHandle() {
    TestProbe<UnhandledMessage> unhandled = testKit.createTestProbe();
    testKit
        .system()
        .eventStream()
        .tell(new EventStream.Subscribe<>(UnhandledMessage.class, unhandled.ref()));
    // the stream takes the subscription asynchronously: see one message through it first
    UnhandledMessage ready =
        new UnhandledMessage("ready", org.apache.pekko.actor.ActorRef.noSender(), null);
    testKit.system().eventStream().tell(new EventStream.Publish<>(ready));
    assertThat(unhandled.receiveMessage()).isSameAs(ready);
    ActorRef<StrategyMessage> consumer = spawn(recording);

    consumer.tell(new Unknown());

    assertThat(unhandled.receiveMessage().getMessage()).isInstanceOf(Unknown.class);
    consumer.tell(event(EventKind.TRADE, 1, 9));
    assertThat(seen.receiveMessage().price()).as("and it goes on").isEqualTo(9);
  }

  @Test
  void shouldKeepItsMinimumAcrossARestartWithAFreshHandler() {
    AtomicInteger starts = new AtomicInteger();
    ActorRef<StrategyMessage> consumer = spawn(recording, RESTART, starts);
    consumer.tell(new UpdateMinVersion(3, 1, confirms.ref()));
    confirms.expectMessage(new MinVersionConfirmed(STRATEGY_ID, 3, 1));

    consumer.tell(event(EventKind.TRADE, 3, -1));
    failures.expectMessageClass(FailureAggregator.ReportFailure.class);
    consumer.tell(event(EventKind.TRADE, 2, 20));
    consumer.tell(event(EventKind.TRADE, 3, 30));

    Seen after = seen.receiveMessage();
    assertThat(after.price()).isEqualTo(30);
    assertThat(after.minAcceptedVersion()).isEqualTo(3);
    assertThat(starts.get()).as("made again on restart").isEqualTo(2);
    awaitRecycled(RecycleReason.FILTERED_BY_GATE, 1);
    awaitRecycled(RecycleReason.STRATEGY_HANDLED, 2);
    assertThat(metrics.failures()).as("metrics survive the restart").isEqualTo(1);
  }

  @Test
  void shouldLetAMinimumUpdateOvertakeQueuedMarketData() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    TestProbe<String> started = testKit.createTestProbe();
    EventHandler blocksOnFirst =
        (event, ctx) -> {
          if (event.price() == 1000) {
            started.ref().tell("started");
            assertThat(release.await(10, TimeUnit.SECONDS)).isTrue();
          } else {
            recording.onEvent(event, ctx);
          }
        };
    ActorRef<StrategyMessage> consumer = spawn(blocksOnFirst);
    consumer.tell(event(EventKind.TRADE, 1, 1000));
    started.expectMessage("started");

    consumer.tell(event(EventKind.TRADE, 1, 1));
    consumer.tell(event(EventKind.TRADE, 1, 2));
    consumer.tell(event(EventKind.EXEC_REPORT, 1, 3));
    consumer.tell(new UpdateMinVersion(2, 9, confirms.ref()));
    release.countDown();

    confirms.expectMessage(new MinVersionConfirmed(STRATEGY_ID, 2, 9));
    Seen report = seen.receiveMessage();
    assertThat(report.kind()).as("only the critical event passes").isEqualTo(EventKind.EXEC_REPORT);
    assertThat(report.minAcceptedVersion()).isEqualTo(2);
    awaitRecycled(RecycleReason.FILTERED_BY_GATE, 2);
    awaitRecycled(RecycleReason.STRATEGY_HANDLED, 2);
    seen.expectNoMessage(QUIET);
  }

  @Test
  void shouldRecordDispatchLatencyAndCompleteASampledFanOut() {
    ActorRef<StrategyMessage> consumer = spawn(recording);
    long sentAt = System.nanoTime();
    long sample = fanOut.newSampler().begin(1, sentAt);
    assertThat(sample).isNotZero();

    consumer.tell(event(EventKind.TRADE, 1, 1).setDispatch(sentAt, sample));
    consumer.tell(event(EventKind.TRADE, 1, 2));

    seen.receiveMessage();
    seen.receiveMessage();
    awaitRecycled(RecycleReason.STRATEGY_HANDLED, 2);
    assertThat(fanOut.efficiencySamples()).isEqualTo(1);
    assertThat(fanOut.parallelEfficiency()).isNotNaN().isGreaterThanOrEqualTo(0);
    assertThat(fanOut.dispatchLatency().take().getTotalCount())
        .as("only the stamped event")
        .isEqualTo(1);
  }

  @Test
  void shouldRecordAConsolidatedQuotesLatencyUnderItsKindNotInTheDistributorView() {
    ActorRef<StrategyMessage> consumer = spawn(recording);
    long now = System.nanoTime();
    long mergeWait = Duration.ofSeconds(30).toNanos(); // far above any scheduling delay

    consumer.tell(event(EventKind.CONSOLIDATED_QUOTE, 1, 1).setIngestTimeNanos(now - mergeWait));
    consumer.tell(event(EventKind.TRADE, 1, 2).setIngestTimeNanos(now));

    seen.receiveMessage();
    seen.receiveMessage(); // each latency is recorded before its handler runs
    Histogram consolidated = fanOut.publishLatency(EventKind.CONSOLIDATED_QUOTE).total();
    assertThat(consolidated.getTotalCount()).isEqualTo(1);
    assertThat(consolidated.getMinValue()).isGreaterThanOrEqualTo(mergeWait - mergeWait / 100);
    assertThat(fanOut.publishLatency(EventKind.TRADE).total().getTotalCount()).isEqualTo(1);
    assertThat(fanOut.distributorLatency().total().getTotalCount())
        .as("the trade only")
        .isEqualTo(1);
    assertThat(fanOut.publishLatency().total().getTotalCount()).isEqualTo(2);
  }

  @Test
  void shouldRejectAStrategyIdBelowOne() {
    PipelineServices services = services(fanOut, failures.ref());
    assertThatThrownBy(
            () -> StrategyActor.create(0, StrategySpec.of("x", () -> recording), services, metrics))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("strategyId");
  }
}
