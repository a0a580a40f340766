package io.meltica.ingest;

import io.meltica.protocol.Event;
import io.meltica.protocol.EventKind;
import io.meltica.protocol.ExecStatus;
import io.meltica.protocol.FixedPoint;
import io.meltica.protocol.Side;
import io.meltica.protocol.TraceIds;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.pekko.NotUsed;
import org.apache.pekko.stream.ThrottleMode;
import org.apache.pekko.stream.javadsl.Source;

/**
 * A simulated venue: a random walk of prices per instrument and a realistic mix of quotes (55%),
 * trades (30%) and book deltas (14%), plus execution reports (about 1%) for simulated orders of the
 * strategies named in {@link Settings#execTargets}, at a fixed rate for a fixed time.
 *
 * <p>Seedable: the same settings and seed give the same sequence of events (not the same timing).
 * {@link #fill} is called by one stream stage at a time, so the random state needs no
 * synchronisation; the inputs are a constant tick object, so pacing allocates nothing of ours.
 */
public final class SyntheticVenue implements Venue<SyntheticVenue.Tick> {

  /** One paced slot for an event; carries nothing. */
  public enum Tick {
    INSTANCE
  }

  /**
   * @param venueId this venue's id in the pipeline's registry
   * @param instrumentIds the instruments it quotes and trades
   * @param eventsPerSecond its rate
   * @param duration how long it runs; {@link #UNTIL_STOPPED} runs until the data bus is stopped
   * @param execTargets strategy ids whose simulated orders get execution reports; empty for none
   */
  public record Settings(
      int venueId,
      String name,
      List<Integer> instrumentIds,
      int eventsPerSecond,
      Duration duration,
      long seed,
      List<Integer> execTargets) {
    /**
     * A duration meaning "no end": Pekko's scheduler refuses timers past about 248 days, so an
     * endless venue must not be a very long {@code takeWithin}.
     */
    public static final Duration UNTIL_STOPPED = ChronoUnit.FOREVER.getDuration();

    public Settings {
      instrumentIds = List.copyOf(instrumentIds);
      execTargets = List.copyOf(execTargets);
      if (instrumentIds.isEmpty() || eventsPerSecond < 1) {
        throw new IllegalArgumentException(
            "a synthetic venue needs instruments and a rate >= 1, got "
                + instrumentIds
                + " at "
                + eventsPerSecond
                + "/s");
      }
    }
  }

  private static final double TICK = 0.01;

  private final Settings settings;
  private final SplittableRandom random;
  private final double[] mids;
  private long sequence;
  private long nextOrderId = 1;

  public SyntheticVenue(Settings settings) {
    this.settings = settings;
    this.random = new SplittableRandom(settings.seed() * 31 + settings.venueId());
    this.mids = new double[settings.instrumentIds().size()];
    for (int i = 0; i < mids.length; i++) {
      mids[i] = 100.0 * (i + 1) * (1 + random.nextDouble(-0.001, 0.001));
    }
  }

  @Override
  public String name() {
    return settings.name();
  }

  @Override
  public Source<Tick, NotUsed> inputs() {
    int rate = settings.eventsPerSecond();
    // A bucket of 100 ms of tokens: Pekko's scheduler ticks every 10 ms, and a bucket of one
    // tick or less loses most of the rate to timer rounding (41% of it measured here).
    Source<Tick, NotUsed> ticks =
        Source.repeat(Tick.INSTANCE)
            .throttle(rate, Duration.ofSeconds(1), Math.max(1, rate / 10), ThrottleMode.shaping());
    return settings.duration().equals(Settings.UNTIL_STOPPED)
        ? ticks
        : ticks.takeWithin(settings.duration());
  }

  @Override
  public void fill(Tick tick, Event event) {
    int slot = random.nextInt(mids.length);
    double mid = walk(slot);
    event
        .setVenueId(settings.venueId())
        .setInstrumentId(settings.instrumentIds().get(slot))
        .setVenueSequence(sequence)
        .setTraceId(TraceIds.derive(settings.seed() ^ settings.venueId(), sequence))
        .setEventTimeNanos(System.currentTimeMillis() * 1_000_000L)
        .setIngestTimeNanos(System.nanoTime());
    sequence++;
    int roll = random.nextInt(100);
    if (roll < 1 && !settings.execTargets().isEmpty()) {
      execReport(event, mid);
    } else if (roll < 56) {
      quote(event, mid);
    } else if (roll < 86) {
      trade(event, mid);
    } else {
      bookDelta(event, mid);
    }
  }

  /** Moves the instrument's mid price one random step (about 2 bp) and returns it. */
  private double walk(int slot) {
    mids[slot] = Math.max(TICK, mids[slot] * (1 + random.nextGaussian() * 0.0002));
    return mids[slot];
  }

  private void quote(Event event, double mid) {
    double halfSpread = TICK * (1 + random.nextInt(3));
    event
        .setKind(EventKind.QUOTE)
        .setTopOfBook(price(mid - halfSpread), size(), price(mid + halfSpread), size());
  }

  private void trade(Event event, double mid) {
    boolean buy = random.nextBoolean();
    event
        .setKind(EventKind.TRADE)
        .setSide(buy ? Side.BUY : Side.SELL)
        .setPrice(price(buy ? mid + TICK : mid - TICK))
        .setQuantity(size());
  }

  private void bookDelta(Event event, double mid) {
    boolean bid = random.nextBoolean();
    int levels = 1 + random.nextInt(10);
    boolean removed = random.nextInt(5) == 0;
    event
        .setKind(EventKind.BOOK_DELTA)
        .setSide(bid ? Side.BUY : Side.SELL)
        .setPrice(price(bid ? mid - levels * TICK : mid + levels * TICK))
        .setQuantity(removed ? 0 : size());
  }

  private void execReport(Event event, double mid) {
    List<Integer> targets = settings.execTargets();
    long quantity = size();
    long filled = random.nextBoolean() ? quantity : quantity / 2;
    event
        .setKind(EventKind.EXEC_REPORT)
        .setTargetStrategyId(targets.get(random.nextInt(targets.size())))
        .setOrderId(nextOrderId++)
        .setExecStatus(filled == quantity ? ExecStatus.FILLED : ExecStatus.PARTIALLY_FILLED)
        .setSide(random.nextBoolean() ? Side.BUY : Side.SELL)
        .setPrice(price(mid))
        .setQuantity(filled)
        .setFilledQuantity(filled)
        .setLeavesQuantity(quantity - filled);
  }

  private static long price(double value) {
    return FixedPoint.fromDouble(Math.round(value / TICK) * TICK);
  }

  private long size() {
    return FixedPoint.fromDouble(0.01 * (1 + random.nextInt(500)));
  }
}
