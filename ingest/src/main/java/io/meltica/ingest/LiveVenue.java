package io.meltica.ingest;

import com.typesafe.config.Config;
import io.meltica.protocol.Event;
import io.meltica.protocol.IdRegistry;
import java.util.Map;
import java.util.function.BiFunction;
import org.apache.pekko.NotUsed;
import org.apache.pekko.stream.javadsl.RestartSource;
import org.apache.pekko.stream.javadsl.Source;

/**
 * A venue's live public market-data feed over a WebSocket (docs/venues.md, "Live feeds"): one
 * connection at a time, subscribed as the venue's {@link LiveProtocol} says; each text message is
 * one line for the venue's own {@link VenueFeed} (the decoder and books a recording of the same
 * feed is replayed with), numbered from 1 since the venue started. When a connection ends, fails or
 * stays idle for {@code meltica.live.idle-timeout}, every book in sync goes stale, and a new
 * connection follows after an exponential backoff ({@code meltica.live.reconnect}), as long as the
 * data bus runs; its subscription (and, for Binance, its REST snapshots) resyncs the books.
 *
 * <p>Stopping: the data bus's kill switch cancels {@link #inputs()}, which closes the socket and
 * stops reconnecting. Backpressure: the socket is read only as fast as the bus pulls (see {@link
 * LiveConnection}); no envelope exists before the bus's sink ({@link #fill}).
 *
 * <p>Concurrency: immutable apart from the shared stats. Each materialization of {@link #inputs()}
 * has its own connections and books; {@link #fill} may be called from any thread.
 */
public final class LiveVenue implements Venue<ReplayRecord> {
  /** The venues with a live protocol: adding one is a class and a line here. */
  private static final Map<String, BiFunction<Config, IdRegistry, LiveProtocol>> PROTOCOLS =
      Map.of(
          BinanceVenue.VENUE, BinanceLiveProtocol::new,
          OkxVenue.VENUE, OkxLiveProtocol::new,
          CoinbaseVenue.VENUE, CoinbaseLiveProtocol::new);

  private final LiveProtocol protocol;
  private final LiveSettings settings;
  private final IdRegistry ids;
  private final IngestStats ingest;
  private final VenueFeedStats feed;
  private final LiveConnection connection;
  private volatile LiveSession lastSession;

  private LiveVenue(
      LiveProtocol protocol,
      LiveSettings settings,
      IdRegistry ids,
      IngestStats ingest,
      VenueFeedStats feed) {
    this.protocol = protocol;
    this.settings = settings;
    this.ids = ids;
    this.ingest = ingest;
    this.feed = feed;
    this.connection = new LiveConnection(protocol, settings, traceName());
  }

  /**
   * The live feed of {@code venue}, configured by {@code meltica.live} and {@code
   * meltica.live.<venue>}.
   *
   * @param ingest counts accepted and rejected messages
   * @param feed counts messages, gaps, resyncs, disconnects and decode rejects
   * @throws IllegalArgumentException if {@code venue} has no live protocol or is not in {@code
   *     meltica.venues}, or a subscribed symbol is not mapped (the message names the key)
   */
  public static LiveVenue fromConfig(
      String venue, Config config, IdRegistry ids, IngestStats ingest, VenueFeedStats feed) {
    return new LiveVenue(
        protocol(venue, config, ids), LiveSettings.fromConfig(config), ids, ingest, feed);
  }

  /**
   * Checks the live configuration of {@code venue} without connecting: for a command line to refuse
   * a mistake before it starts anything.
   *
   * @throws IllegalArgumentException as {@link #fromConfig} does
   */
  public static void check(String venue, Config config, IdRegistry ids) {
    protocol(venue, config, ids);
    LiveSettings.fromConfig(config);
  }

  private static LiveProtocol protocol(String venue, Config config, IdRegistry ids) {
    BiFunction<Config, IdRegistry, LiveProtocol> protocol = PROTOCOLS.get(venue);
    if (protocol == null) {
      throw new IllegalArgumentException(
          "no live feed for \"" + venue + "\"; live venues: " + String.join(", ", names()));
    }
    if (!ids.hasVenue(venue)) {
      throw new IllegalArgumentException("\"" + venue + "\" is not in meltica.venues");
    }
    return protocol.apply(config, ids);
  }

  /** The venues that have a live feed, sorted. */
  public static java.util.List<String> names() {
    return PROTOCOLS.keySet().stream().sorted().toList();
  }

  @Override
  public String name() {
    return protocol.venue() + ":live";
  }

  public VenueFeedStats feedStats() {
    return feed;
  }

  /** The name rejects are logged under and trace ids are seeded from: {@code <venue>-live}. */
  private String traceName() {
    return protocol.venue() + "-live";
  }

  @Override
  public Source<ReplayRecord, NotUsed> inputs() {
    return Source.fromMaterializer(
            (materializer, attributes) -> {
              LiveSession session =
                  new LiveSession(
                      protocol,
                      protocol.newFeed(traceName(), ids, ingest, feed),
                      traceName(),
                      settings.maxMessageBytes());
              lastSession = session;
              Source<LiveInput, NotUsed> received =
                  RestartSource.withBackoff(
                      settings.reconnect(), () -> connection.open(session, materializer));
              if (settings.recordTo().isPresent()) {
                received =
                    received.alsoTo(new LiveRecorder(settings.recordTo().get(), protocol).sink());
              }
              return received.mapConcat(session::onInput);
            })
        .mapMaterializedValue(session -> NotUsed.getInstance());
  }

  @Override
  public void fill(ReplayRecord input, Event event) {
    input.writeTo(event);
    event.setIngestTimeNanos(System.nanoTime());
  }

  /** The feed of the latest run of {@link #inputs()}, for tests that look at its books. */
  VenueFeed<?> lastFeed() {
    LiveSession session = lastSession;
    return session == null ? null : session.feed();
  }
}
