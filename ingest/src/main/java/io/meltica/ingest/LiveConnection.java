package io.meltica.ingest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.pekko.NotUsed;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.ws.Message;
import org.apache.pekko.http.javadsl.model.ws.TextMessage;
import org.apache.pekko.http.javadsl.model.ws.WebSocketRequest;
import org.apache.pekko.http.javadsl.model.ws.WebSocketUpgradeResponse;
import org.apache.pekko.japi.Pair;
import org.apache.pekko.stream.BoundedSourceQueue;
import org.apache.pekko.stream.Materializer;
import org.apache.pekko.stream.javadsl.Keep;
import org.apache.pekko.stream.javadsl.Source;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens one WebSocket connection of a live venue as a source of {@link LiveInput}s that ends with
 * {@link LiveInput.ConnectionEnded} however the connection ends (closed by the venue, failed, idle
 * for longer than {@code idle-timeout}, or a snapshot fetch failed), so that the reconnecting
 * source around it can start the next one.
 *
 * <pre>
 * subscribe + resubscriptions (bounded queue) ─▶ keep-alive ─▶ WebSocket ─▶ collect text ─▶ idle check ─┐
 * symbols to snapshot (bounded queue) ─▶ throttle ─▶ REST GET ─▶ snapshot line ────────────────────────────┼─▶ merge ─▶ ended
 * </pre>
 *
 * <p>Backpressure: the received messages are pulled by the data bus one at a time ({@code
 * mapAsync(1)}); while it does not pull, Pekko HTTP stops reading the socket and TCP's window holds
 * the venue back. Nothing on the way is unbounded: the two queues hold at most {@link
 * #OUTGOING_BOUND} messages and one request per symbol, the stages their default buffers.
 *
 * <p>Concurrency: {@link #open} is called by the reconnecting source's stage; the returned source
 * runs on stream threads; the connection counter is atomic.
 */
final class LiveConnection {
  /** Subscribe and resubscribe messages waiting to be sent. */
  static final int OUTGOING_BOUND = 64;

  private static final Logger log = LoggerFactory.getLogger(LiveVenue.class);

  private final LiveProtocol protocol;
  private final LiveSettings settings;
  private final TextCollector collector;
  private final String name;
  private final AtomicLong connections = new AtomicLong();

  LiveConnection(LiveProtocol protocol, LiveSettings settings, String name) {
    this.protocol = protocol;
    this.settings = settings;
    this.collector = new TextCollector(settings.maxMessageBytes());
    this.name = name;
  }

  /** One connection's inputs; it is opened when the source runs and closed when it is cancelled. */
  Source<LiveInput, NotUsed> open(LiveSession session, Materializer materializer) {
    long number = connections.incrementAndGet();
    Pair<BoundedSourceQueue<String>, Source<String, NotUsed>> outgoing =
        Source.<String>queue(OUTGOING_BOUND).preMaterialize(materializer);
    Pair<BoundedSourceQueue<String>, Source<String, NotUsed>> snapshotRequests =
        Source.<String>queue(protocol.symbols().size()).preMaterialize(materializer);
    protocol.subscribeMessages().forEach(outgoing.first()::offer);
    session.connected(new LiveSession.Connection(outgoing.first(), snapshotRequests.first()));

    Source<Message, NotUsed> toVenue = outgoing.second().map(TextMessage::create);
    if (protocol.keepAlive().isPresent()) {
      LiveProtocol.KeepAlive keepAlive = protocol.keepAlive().get();
      toVenue = toVenue.keepAlive(keepAlive.interval(), () -> TextMessage.create(keepAlive.text()));
    }
    AtomicBoolean started = new AtomicBoolean();
    Source<LiveInput, NotUsed> fromVenue =
        toVenue
            .viaMat(
                Http.get(materializer.system())
                    .webSocketClientFlow(WebSocketRequest.create(protocol.url())),
                Keep.right())
            .mapMaterializedValue(upgrade -> logUpgrade(upgrade, number))
            .mapAsync(1, message -> collector.collect(message, materializer))
            .idleTimeout(settings.idleTimeout())
            .map(
                input -> {
                  // The subscription is live once the venue answers: snapshots fetched from now on
                  // are no older than the first update buffered (Binance's procedure).
                  if (started.compareAndSet(false, true)) {
                    requestSnapshots(snapshotRequests.first());
                  }
                  return input;
                });
    Source<LiveInput, NotUsed> snapshots =
        snapshotRequests
            .second()
            .throttle(protocol.symbols().size(), Duration.ofSeconds(1))
            .mapAsync(1, symbol -> fetchSnapshot(symbol, materializer));
    return fromVenue
        .merge(snapshots, true)
        .concat(Source.single(LiveInput.ConnectionEnded.INSTANCE))
        .mapError(Throwable.class, failure -> logFailure(number, failure))
        .recover(Throwable.class, () -> LiveInput.ConnectionEnded.INSTANCE)
        .watchTermination(
            (notUsed, done) -> {
              done.whenComplete(
                  (ok, failure) -> {
                    // Pekko HTTP keeps a socket open while its outgoing side is: end it too, so
                    // that a cancelled or idle connection is closed, not left half open.
                    outgoing.first().complete();
                    snapshotRequests.first().complete();
                    logEnd(number, failure);
                  });
              return NotUsed.getInstance();
            });
  }

  private NotUsed logUpgrade(CompletionStage<WebSocketUpgradeResponse> upgrade, long number) {
    upgrade.whenComplete(
        (response, failure) -> {
          if (failure != null) {
            log.warn(
                "{}: connection {} to {} failed: {}",
                name,
                number,
                protocol.url(),
                failure.toString());
          } else if (!response.isValid()) {
            log.warn(
                "{}: connection {} to {} refused: {}",
                name,
                number,
                protocol.url(),
                response.invalidationReason());
          } else {
            log.info("{}: connection {} to {} open", name, number, protocol.url());
          }
        });
    return NotUsed.getInstance();
  }

  /** Why a connection ended (idle, closed abruptly, a REST snapshot failed), before it is. */
  private Throwable logFailure(long number, Throwable failure) {
    log.warn("{}: connection {} failed: {}", name, number, failure.toString());
    return failure;
  }

  private void logEnd(long number, Throwable failure) {
    log.info("{}: connection {} ended{}", name, number, failure == null ? "" : ": " + failure);
  }

  private void requestSnapshots(BoundedSourceQueue<String> requests) {
    for (String symbol : protocol.symbols()) {
      if (protocol.snapshotUri(symbol).isPresent()) {
        requests.offer(symbol);
      }
    }
  }

  /** The REST snapshot of {@code symbol} as a line; a failure ends the connection (retried). */
  private CompletionStage<LiveInput> fetchSnapshot(String symbol, Materializer materializer) {
    String uri = protocol.snapshotUri(symbol).orElseThrow();
    return Http.get(materializer.system())
        .singleRequest(HttpRequest.GET(uri))
        .thenCompose(response -> bodyOf(uri, response, materializer))
        .thenApply(body -> new LiveInput.Text(protocol.snapshotLine(symbol, body)));
  }

  private CompletionStage<String> bodyOf(
      String uri, HttpResponse response, Materializer materializer) {
    if (!response.status().isSuccess()) {
      response.discardEntityBytes(materializer);
      throw new java.util.concurrent.CompletionException(
          new IOException("GET " + uri + " answered " + response.status().intValue()));
    }
    return response
        .entity()
        .toStrict(settings.idleTimeout().toMillis(), settings.maxMessageBytes(), materializer)
        .thenApply(strict -> strict.getData().decodeString(StandardCharsets.UTF_8));
  }
}
