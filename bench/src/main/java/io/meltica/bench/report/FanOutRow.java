package io.meltica.bench.report;

/**
 * One {@code fanout} (or {@code consumer_wrapping}) entry of {@code latest.json}.
 *
 * @param impl the implementation's label ({@code FanOutImpl}, or {@code ConsumerWrapping})
 * @param deliveriesPerS deliveries per second (JMH's {@code deliveries} counter)
 * @param deliveriesErrorPerS JMH's 99.9% confidence half-width of it; null with one iteration
 * @param allocBytesPerDelivery bytes allocated by every thread per delivery; null without {@code
 *     -prof gc}
 * @param ownAllocBytesPerDelivery this figure minus the baseline's at the same subscriber count:
 *     for Meltica the bare-tell baseline (what Meltica allocates beyond Pekko's own per-message
 *     cost), for a strategy wrapping the bare strategy; null for the others
 * @param source where the figures come from: {@link #SINGLE_PASS}, or for N = 10 of the
 *     implementations the interleaved rounds measure, the median round (see {@link FanOutRounds})
 */
public record FanOutRow(
    String impl,
    int subscribers,
    double deliveriesPerS,
    Double deliveriesErrorPerS,
    Double allocBytesPerDelivery,
    Double ownAllocBytesPerDelivery,
    String source) {
  /** The one sequential JMH pass over every benchmark the rounds do not cover. */
  public static final String SINGLE_PASS = "single pass";

  FanOutRow withOwnAllocation(Double own) {
    return new FanOutRow(
        impl, subscribers, deliveriesPerS, deliveriesErrorPerS, allocBytesPerDelivery, own, source);
  }
}
