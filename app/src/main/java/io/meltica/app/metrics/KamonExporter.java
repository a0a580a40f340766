package io.meltica.app.metrics;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.meltica.actors.ConsumerMetrics;
import io.meltica.actors.EntranceRefusals;
import io.meltica.actors.FanOutStats;
import io.meltica.actors.LatencyWindow;
import io.meltica.actors.MelticaPipeline;
import io.meltica.actors.PipelineMetrics;
import io.meltica.cluster.CriticalStats;
import io.meltica.cluster.wire.WireStats;
import io.meltica.ingest.IngestStats;
import io.meltica.ingest.RejectReason;
import io.meltica.pool.EventPool;
import io.meltica.pool.RecycleReason;
import io.meltica.pool.Recycler;
import io.meltica.protocol.EventKind;
import io.meltica.protocol.InvalidEventException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import kamon.Kamon;
import kamon.metric.Counter;
import kamon.metric.MeasurementUnit;
import kamon.metric.Metric;
import kamon.tag.TagSet;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;
import scala.concurrent.Await;

/**
 * Serves every Meltica metric to Prometheus through Kamon: the pool, the recycler per reason,
 * router, orchestrator, each strategy, failures and rejected input. Kamon polls Meltica's own
 * counters once per tick ({@code autoUpdate}), so nothing on the hot path calls Kamon.
 *
 * <p>{@link #start} initialises Kamon with its Pekko instrumentation attached (per-actor metrics
 * from kamon-bundle), so it must run before the ActorSystem is created. The endpoint listens on
 * {@code kamon.prometheus.embedded-server} (127.0.0.1 by default).
 */
public final class KamonExporter implements AutoCloseable {
  private static final Duration EVERY = Duration.ofSeconds(1);

  private KamonExporter() {}

  /**
   * Kamon's Pekko instrumentations without SchedulerInstrumentation: with it, the dispatchers'
   * delayed shutdown never runs and a terminated ActorSystem keeps all its dispatcher threads (20
   * non-daemon threads, never ending; kamon-bundle 2.7.5 with Pekko 1.7.0). The agent reads its
   * configuration from {@code ConfigFactory.load()}, not from the config given to {@code
   * Kamon.init}, and in a merged reference.conf the bundle's own list wins: so the list goes in as
   * system properties, which override every file.
   */
  private static final List<String> PEKKO_INSTRUMENTATIONS =
      List.of(
          "EnvelopeInstrumentation",
          "SystemMessageInstrumentation",
          "RouterInstrumentation",
          "ActorInstrumentation",
          "ActorLoggingInstrumentation",
          "AskPatternInstrumentation",
          "EventStreamInstrumentation",
          "ActorRefInstrumentation",
          "DispatcherInstrumentation",
          "ActorMonitorInstrumentation",
          "ClusterInstrumentation");

  /** Initialises Kamon and its Prometheus endpoint on {@code port}. */
  public static KamonExporter start(Config config, int port) {
    for (int i = 0; i < PEKKO_INSTRUMENTATIONS.size(); i++) {
      System.setProperty(
          "kanela.modules.pekko.instrumentations." + i,
          "kamon.instrumentation.pekko.instrumentations." + PEKKO_INSTRUMENTATIONS.get(i));
    }
    ConfigFactory.invalidateCaches();
    Kamon.init(
        ConfigFactory.parseMap(Map.of("kamon.prometheus.embedded-server.port", port))
            .withFallback(ConfigFactory.load())
            .withFallback(config));
    return new KamonExporter();
  }

  /** Registers the metrics of {@code pipeline}; {@code ingest} may be null (synthetic venues). */
  public void bind(MelticaPipeline pipeline, IngestStats ingest) {
    PipelineMetrics metrics = pipeline.metrics();
    pool(metrics.pool());
    recycler(metrics.recycler());
    counter("meltica.router.events", metrics.router()::events);
    counter("meltica.router.deliveries", metrics.router()::deliveries);
    counter("meltica.router.duplicates", metrics.router()::duplicates);
    counter("meltica.router.unrouted", metrics.router()::unrouted);
    counter("meltica.router.failures", metrics.router()::failures);
    Kamon.gauge("meltica.router.parallel_efficiency")
        .withoutTags()
        .autoUpdate(
            g -> {
              g.update(orZero(metrics.fanOut().takeParallelEfficiency()));
            },
            EVERY);
    histogram("meltica.router.dispatch_latency", metrics.fanOut().dispatchLatency(), null, null);
    publishLatency(metrics.fanOut());
    counter("meltica.orchestrator.forwarded", metrics.orchestrator()::forwarded);
    counter("meltica.orchestrator.merges_complete", metrics.orchestrator()::mergesComplete);
    counter("meltica.orchestrator.merges_timed_out", metrics.orchestrator()::mergesTimedOut);
    counter("meltica.orchestrator.partials_replaced", metrics.orchestrator()::partialsReplaced);
    counter("meltica.orchestrator.flips", metrics.orchestrator()::flips);
    counter("meltica.orchestrator.failures", metrics.orchestrator()::failures);
    refusals(metrics.refusals());
    counter("meltica.failures", metrics.failures()::total);
    counter("meltica.failures.with_trace_id", metrics.failures()::withTraceId);
    for (ConsumerMetrics consumer : metrics.consumers()) {
      consumer(consumer);
    }
    if (ingest != null) {
      counter("meltica.ingest.accepted", ingest::accepted);
      for (RejectReason reason : RejectReason.values()) {
        tagged("meltica.ingest.rejected", "reason", reason.label(), () -> ingest.rejected(reason));
      }
    }
  }

  /** Registers a cluster node's counters: at-least-once delivery and the wire format. */
  public void bindCluster(CriticalStats critical, WireStats wire) {
    counter("meltica.cluster.critical.sent", critical::sentCount);
    counter("meltica.cluster.critical.acked", critical::ackedCount);
    counter("meltica.cluster.critical.resent", critical::resentCount);
    counter("meltica.cluster.critical.duplicates", critical::duplicateCount);
    counter("meltica.cluster.critical.malformed", critical::malformedCount);
    counter("meltica.cluster.wire.sent", wire::sent);
    counter("meltica.cluster.wire.received", wire::received);
    counter("meltica.cluster.wire.rejected", wire::rejected);
    counter("meltica.cluster.wire.encode_failures", wire::encodeFailures);
  }

  private static void pool(EventPool pool) {
    Kamon.gauge("meltica.pool.capacity").withoutTags().update(pool.capacity());
    Kamon.gauge("meltica.pool.in_use")
        .withoutTags()
        .autoUpdate(
            g -> {
              g.update(pool.inUse());
            },
            EVERY);
    Kamon.gauge("meltica.pool.peak_in_use")
        .withoutTags()
        .autoUpdate(
            g -> {
              g.update(pool.peakInUse());
            },
            EVERY);
    Kamon.gauge("meltica.pool.utilization")
        .withoutTags()
        .autoUpdate(
            g -> {
              g.update(pool.utilization());
            },
            EVERY);
    counter("meltica.pool.acquired", pool::acquiredCount);
    counter("meltica.pool.released", pool::releasedCount);
    counter("meltica.pool.misses", pool::missCount);
    counter("meltica.pool.dropped_on_release", pool::droppedOnReleaseCount);
    counter("meltica.pool.double_releases", pool::doubleReleaseCount);
    counter("meltica.pool.stale_releases", pool::staleReleaseCount);
    counter("meltica.pool.foreign_releases", pool::foreignReleaseCount);
    Kamon.gauge("meltica.pool.unaccounted")
        .withoutTags()
        .autoUpdate(
            g -> {
              g.update(pool.unaccountedCount());
            },
            EVERY);
  }

  private static void refusals(EntranceRefusals refusals) {
    for (InvalidEventException.Reason reason : InvalidEventException.Reason.values()) {
      tagged("meltica.events.refused", "reason", reason.label(), () -> refusals.count(reason));
    }
    tagged("meltica.events.refused", "reason", "venue_failure", refusals::venueFailures);
  }

  private static void recycler(Recycler recycler) {
    for (RecycleReason reason : RecycleReason.values()) {
      tagged(
          "meltica.recycled",
          "reason",
          reason.name().toLowerCase(Locale.ROOT),
          () -> recycler.recycledCount(reason));
    }
  }

  /**
   * One series per event kind, tag {@code kind}: consolidated quotes include the merge window, so
   * the distributor's own time is {@code kind!="consolidated_quote"}. Kamon's Prometheus reporter
   * leaves out a histogram that has never had a value, so only kinds that occurred show.
   */
  private static void publishLatency(FanOutStats fanOut) {
    for (EventKind kind : EventKind.values()) {
      histogram(
          "meltica.latency.publish_to_handler",
          fanOut.publishLatency(kind),
          "kind",
          kind.name().toLowerCase(Locale.ROOT));
    }
  }

  private static void consumer(ConsumerMetrics consumer) {
    String id = Integer.toString(consumer.consumerId());
    Metric.Counter delivered = Kamon.counter("meltica.consumer.delivered");
    delivered
        .withTags(TagSet.builder().add("consumer", id).add("kind", "market_data").build())
        .autoUpdate(delta(consumer::deliveredMarketData), EVERY);
    delivered
        .withTags(TagSet.builder().add("consumer", id).add("kind", "critical").build())
        .autoUpdate(delta(consumer::deliveredCritical), EVERY);
    tagged("meltica.consumer.filtered", "consumer", id, consumer::filtered);
    tagged("meltica.consumer.failures", "consumer", id, consumer::failures);
    tagged("meltica.consumer.conflated", "consumer", id, consumer::conflated);
    tagged("meltica.consumer.overflowed", "consumer", id, consumer::overflowed);
    histogram("meltica.consumer.processing_time", consumer.processingTime(), "consumer", id);
  }

  private static void counter(String name, LongSupplier cumulative) {
    Kamon.counter(name).withoutTags().autoUpdate(delta(cumulative), EVERY);
  }

  private static void tagged(String name, String tag, String value, LongSupplier cumulative) {
    Kamon.counter(name).withTag(tag, value).autoUpdate(delta(cumulative), EVERY);
  }

  /** Increments a Kamon counter by how much a cumulative Meltica counter grew since last time. */
  private static java.util.function.Consumer<Counter> delta(LongSupplier cumulative) {
    long[] last = {0};
    return counter -> {
      long now = cumulative.getAsLong();
      if (now > last[0]) {
        counter.increment(now - last[0]);
        last[0] = now;
      }
    };
  }

  /** A histogram fed from {@code window} each tick; {@code tag} null for one without tags. */
  private static void histogram(String name, LatencyWindow window, String tag, String tagValue) {
    LatencyWindow.Reader reader = window.newReader();
    Metric.Histogram metric = Kamon.histogram(name, MeasurementUnit.time().nanoseconds());
    (tag == null ? metric.withoutTags() : metric.withTag(tag, tagValue))
        .autoUpdate(
            h -> {
              Histogram recorded = reader.next();
              for (HistogramIterationValue value : recorded.recordedValues()) {
                h.record(value.getValueIteratedTo(), value.getCountAtValueIteratedTo());
              }
            },
            EVERY);
  }

  private static double orZero(double value) {
    return Double.isNaN(value) ? 0 : value;
  }

  /** Stops Kamon: the endpoint closes and its scheduler ends. */
  @Override
  public void close() {
    try {
      Await.result(Kamon.stop(), scala.concurrent.duration.Duration.create(10, TimeUnit.SECONDS));
    } catch (Exception e) {
      throw new IllegalStateException("Kamon did not stop within 10 s", e);
    }
  }
}
