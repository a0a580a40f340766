package io.meltica.bench.latency;

import java.util.LinkedHashMap;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * The outcome of one {@link LatencyScenario}, in the shape of a {@code latency} entry of {@code
 * latest.json}. Latencies in microseconds, measured from intended send times.
 *
 * @param handlerStart publish → handler start of the fast subscribers (ns)
 * @param lastDone publish → last fast subscriber's handler done (ns)
 * @param slowHandlerStart publish → the slow subscriber's handler start (ns); empty if none
 * @param sendLag how late the publisher sent events against the schedule (ns)
 * @param poolMisses acquisitions the pool had to allocate for (it was empty)
 * @param undelivered deliveries that never reached a handler (dropped or conflated by a mailbox)
 * @param handlerMeanNanos mean handler call of the fast subscribers, as the strategy measures it
 */
public record LatencyResult(
    LatencyScenario scenario,
    Histogram handlerStart,
    Histogram lastDone,
    Histogram slowHandlerStart,
    Histogram sendLag,
    double poolPeakUtilization,
    int poolCapacity,
    long poolMisses,
    long published,
    long undelivered,
    double handlerMeanNanos) {

  /** The JSON entry: the fields {@code latest.json} documents, then the details. */
  public Map<String, Object> toJson() {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("rate", scenario.rate());
    json.put("subscribers", scenario.subscribers());
    json.put("scenario", scenario.name());
    putPercentiles(json, "", handlerStart);
    json.put("pool_peak_utilization", round(poolPeakUtilization, 4));
    json.put("pool_misses", poolMisses);
    json.put("ingest", scenario.throughDataBus() ? "data-bus" : "publish");
    putPercentiles(json, "last_done_", lastDone);
    json.put("measured_events", scenario.measuredEvents());
    json.put("measured_seconds", scenario.measure().toMillis() / 1000.0);
    json.put("published_events", published);
    json.put("undelivered", undelivered);
    json.put("pool_capacity", poolCapacity);
    json.put("send_lag_p99_us", micros(sendLag.getValueAtPercentile(99)));
    json.put("handler_mean_us", round(handlerMeanNanos / 1000.0, 3));
    if (scenario.hasSlowSubscriber()) {
      json.put("fast_subscribers", scenario.fastSubscribers());
      json.put("slow_handler_us", round(scenario.slowWorkNanos() / 1000.0, 1));
      putPercentiles(json, "slow_subscriber_", slowHandlerStart);
    }
    return json;
  }

  /** Puts {@code h}'s p50, p99, p99.9 and max, in µs, under {@code prefix} + {@code p50_us} etc. */
  public static void putPercentiles(Map<String, Object> json, String prefix, Histogram h) {
    json.put(prefix + "p50_us", micros(h.getValueAtPercentile(50)));
    json.put(prefix + "p99_us", micros(h.getValueAtPercentile(99)));
    json.put(prefix + "p999_us", micros(h.getValueAtPercentile(99.9)));
    json.put(prefix + "max_us", micros(h.getMaxValue()));
  }

  static double micros(long nanos) {
    return round(nanos / 1000.0, 1);
  }

  /** {@code value} rounded to {@code decimals} places. */
  public static double round(double value, int decimals) {
    double scale = Math.pow(10, decimals);
    return Math.round(value * scale) / scale;
  }
}
