package io.meltica.app.metrics;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.meltica.protocol.counters.Counters;
import io.meltica.protocol.counters.Metric;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;
import kamon.Kamon;
import kamon.metric.Counter;
import kamon.metric.MeasurementUnit;
import kamon.tag.TagSet;
import scala.concurrent.Await;

/**
 * Serves every Meltica metric to Prometheus through Kamon: whatever the pipeline's {@link Counters}
 * registry holds, now and later. Kamon polls Meltica's own counters once per tick ({@code
 * autoUpdate}), so nothing on the hot path calls Kamon.
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

  /**
   * Serves every metric of {@code counters}, and each one registered later (a strategy that first
   * starts on this node after the exporter, say), under its name with dots as underscores and its
   * labels as tags.
   */
  public void bind(Counters counters) {
    counters.follow(KamonExporter::export);
  }

  private static void export(Metric metric) {
    TagSet tags = TagSet.from(Map.<String, Object>copyOf(metric.labels()));
    if (metric instanceof Metric.Counter counter) {
      Kamon.counter(metric.name()).withTags(tags).autoUpdate(delta(counter.total()), EVERY);
    } else if (metric instanceof Metric.Gauge gauge) {
      DoubleSupplier value = gauge.value();
      Kamon.gauge(metric.name())
          .withTags(tags)
          .autoUpdate(
              g -> {
                g.update(value.getAsDouble());
              },
              EVERY);
    } else if (metric instanceof Metric.Histogram histogram) {
      Metric.Window window = histogram.windows().get();
      Kamon.histogram(metric.name(), MeasurementUnit.time().nanoseconds())
          .withTags(tags)
          .autoUpdate(
              h -> {
                window.readSince(h::record);
              },
              EVERY);
    }
  }

  /** Increments a Kamon counter by how much a cumulative Meltica counter grew since last time. */
  private static Consumer<Counter> delta(LongSupplier cumulative) {
    long[] last = {0};
    return counter -> {
      long now = cumulative.getAsLong();
      if (now > last[0]) {
        counter.increment(now - last[0]);
        last[0] = now;
      }
    };
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
