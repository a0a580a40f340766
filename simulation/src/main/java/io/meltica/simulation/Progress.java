package io.meltica.simulation;

/**
 * One progress reading of a running simulation, taken once a second.
 *
 * @param tS seconds since the start
 * @param eventsPerS events the router handled over the last second
 * @param p99Us publish to handler start p99 over the last second, every kind but consolidated
 *     quotes (whose merge wait would hide the distributor's own time), in microseconds
 * @param poolUtilization envelopes in use ÷ pool capacity now
 * @param failures handler failures so far
 */
public record Progress(
    double tS, double eventsPerS, double p99Us, double poolUtilization, long failures) {

  /** The progress line the command line prints. */
  public String line() {
    return String.format(
        "t=%5.1fs  %9.0f events/s  p99 %8.1f µs excl. consolidated quotes  pool %5.1f%%"
            + "  failures %d",
        tS, eventsPerS, p99Us, poolUtilization * 100, failures);
  }
}
