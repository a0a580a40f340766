package io.meltica.bench.report;

/**
 * One JMH fork of an interleaved round: one fan-out implementation at N = 10, as a {@code runs}
 * entry of {@code fanout_rounds}. The figures are null when the fork wrote no result.
 *
 * @param position 1 for the round's first fork: the order rotates from round to round, so no
 *     implementation always runs first (colder machine) or last
 * @param deliveriesErrorPerS JMH's 99.9 % half-width; null with one iteration
 * @param allocBytesPerDelivery bytes allocated by every thread per delivery ({@code
 *     gc.alloc.rate.norm} ÷ deliveries per operation)
 * @param loadBefore {@code /proc/loadavg} just before the fork
 * @param loadAfter {@code /proc/loadavg} just after it
 */
public record RoundRun(
    String impl,
    int position,
    Double deliveriesPerS,
    Double deliveriesErrorPerS,
    Double allocBytesPerDelivery,
    String loadBefore,
    String loadAfter) {

  /** This run's figures from {@code row}, or none (null) if the fork produced no row. */
  static RoundRun of(
      String impl, int position, FanOutRow row, String loadBefore, String loadAfter) {
    return row == null
        ? new RoundRun(impl, position, null, null, null, loadBefore, loadAfter)
        : new RoundRun(
            impl,
            position,
            row.deliveriesPerS(),
            row.deliveriesErrorPerS(),
            row.allocBytesPerDelivery(),
            loadBefore,
            loadAfter);
  }

  /** The {@code fanout} table's row with these figures, saying where they came from. */
  FanOutRow toRow(int subscribers, String source) {
    return new FanOutRow(
        impl,
        subscribers,
        deliveriesPerS,
        deliveriesErrorPerS,
        allocBytesPerDelivery,
        null,
        source);
  }
}
