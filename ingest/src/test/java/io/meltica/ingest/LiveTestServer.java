package io.meltica.ingest;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.pekko.NotUsed;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.apache.pekko.http.javadsl.model.AttributeKeys;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.ws.Message;
import org.apache.pekko.http.javadsl.model.ws.TextMessage;
import org.apache.pekko.http.javadsl.model.ws.WebSocketUpgrade;
import org.apache.pekko.stream.javadsl.Flow;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;

/**
 * A real Pekko HTTP server on 127.0.0.1 that plays a venue: WebSocket connections on {@code /ws},
 * each playing its {@link Script} once the client's first message (the subscription) arrived, and
 * Binance-style REST depth snapshots on {@code /api/v3/depth?symbol=S}, served in the order given
 * (the last one again once they run out; 404 for a symbol without any). It records what each
 * connection received and counts what it sent.
 *
 * <p>Thread-safe: connections run on stream threads, tests read the counters from theirs. Public,
 * in the test jar, for the command line's tests.
 */
public final class LiveTestServer implements AutoCloseable {
  /** What one connection does after the subscription: send lines, wait, then close or stay open. */
  public static final class Script {
    private final List<Step> steps = new ArrayList<>();
    private boolean close;

    /** Sends each line as one text message. */
    public Script send(List<String> lines) {
      lines.forEach(line -> steps.add(new Send(line)));
      return this;
    }

    public Script send(String... lines) {
      return send(List.of(lines));
    }

    /** Sends nothing more until {@code gate} completes. */
    public Script await(CompletionStage<?> gate) {
      steps.add(new Await(gate));
      return this;
    }

    /** Waits until the client sent {@code text} on this connection, then sends {@code answer}. */
    public Script answer(String text, String answer) {
      steps.add(new Answer(text, answer));
      return this;
    }

    /** Closes the connection after the last step. */
    public Script thenClose() {
      close = true;
      return this;
    }
  }

  private sealed interface Step {}

  private record Send(String line) implements Step {}

  private record Await(CompletionStage<?> gate) implements Step {}

  private record Answer(String text, String answer) implements Step {}

  /** One connection as the server saw it. */
  private static final class Connection {
    final List<String> received = new CopyOnWriteArrayList<>();
    final CompletableFuture<String> subscribed = new CompletableFuture<>();
    final Map<String, CompletableFuture<String>> awaited = new ConcurrentHashMap<>();

    void onText(String text) {
      received.add(text);
      subscribed.complete(text);
      awaited.computeIfAbsent(text, t -> new CompletableFuture<>()).complete(text);
    }
  }

  private final ActorSystem<?> system;
  private final List<Script> scripts;
  private final Map<String, List<String>> snapshots = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> snapshotRequests = new ConcurrentHashMap<>();
  private final List<Connection> connections = new CopyOnWriteArrayList<>();
  private final AtomicLong sent = new AtomicLong();
  private final AtomicInteger open = new AtomicInteger();
  private final ServerBinding binding;

  private LiveTestServer(ActorSystem<?> system, List<Script> scripts) {
    this.system = system;
    this.scripts = List.copyOf(scripts);
    this.binding =
        Http.get(system)
            .newServerAt("127.0.0.1", 0)
            .bindSync(this::handle)
            .toCompletableFuture()
            .join();
  }

  /** Connection {@code n} (from 0) plays {@code scripts[n]}; later ones stay open and silent. */
  public static LiveTestServer start(ActorSystem<?> system, Script... scripts) {
    return new LiveTestServer(system, List.of(scripts));
  }

  /** Serves these REST snapshot bodies of {@code symbol}, one per request, the last repeated. */
  public LiveTestServer snapshots(String symbol, String... bodies) {
    snapshots.put(symbol, List.of(bodies));
    return this;
  }

  public String webSocketUrl() {
    return "ws://127.0.0.1:" + binding.localAddress().getPort() + "/ws";
  }

  public String restUrl() {
    return "http://127.0.0.1:" + binding.localAddress().getPort();
  }

  /** WebSocket connections accepted so far. */
  public int connections() {
    return connections.size();
  }

  /** WebSocket connections not ended yet. */
  public int openConnections() {
    return open.get();
  }

  /** The texts connection {@code n} received, in order. */
  public List<String> received(int n) {
    return List.copyOf(connections.get(n).received);
  }

  /** Scripted lines handed to the sockets so far, over all connections. */
  public long sent() {
    return sent.get();
  }

  public int snapshotRequests(String symbol) {
    AtomicInteger count = snapshotRequests.get(symbol);
    return count == null ? 0 : count.get();
  }

  private HttpResponse handle(HttpRequest request) {
    String path = request.getUri().path();
    Optional<WebSocketUpgrade> upgrade = request.getAttribute(AttributeKeys.webSocketUpgrade);
    if (path.equals("/ws") && upgrade.isPresent()) {
      return upgrade.get().handleMessagesWith(connection());
    }
    if (path.equals("/api/v3/depth")) {
      String symbol = request.getUri().query().get("symbol").orElse("");
      List<String> bodies = snapshots.get(symbol);
      if (bodies != null) {
        int n =
            snapshotRequests.computeIfAbsent(symbol, s -> new AtomicInteger()).getAndIncrement();
        return HttpResponse.create().withEntity(bodies.get(Math.min(n, bodies.size() - 1)));
      }
    }
    return HttpResponse.create().withStatus(404);
  }

  private Flow<Message, Message, NotUsed> connection() {
    int index = connections.size();
    Connection connection = new Connection();
    connections.add(connection);
    Script script = index < scripts.size() ? scripts.get(index) : new Script();
    Sink<Message, ?> fromClient =
        Flow.<Message>create()
            .mapAsync(
                1,
                message ->
                    message
                        .asTextMessage()
                        .getStreamedText()
                        .runWith(Sink.fold("", String::concat), system))
            .to(Sink.foreach(connection::onText));
    Source<Message, ?> played =
        Source.completionStageSource(
                connection.subscribed.thenApply(subscription -> play(script, connection)))
            .map(
                line -> {
                  sent.incrementAndGet();
                  return (Message) TextMessage.create(line);
                });
    Source<Message, ?> toClient = script.close ? played : played.concat(Source.<Message>maybe());
    return Flow.fromSinkAndSourceCoupled(fromClient, toClient)
        .watchTermination(
            (notUsed, done) -> {
              open.incrementAndGet();
              done.whenComplete((ok, failure) -> open.decrementAndGet());
              return NotUsed.getInstance();
            });
  }

  private Source<String, NotUsed> play(Script script, Connection connection) {
    return Source.from(script.steps)
        .mapAsync(1, step -> ready(step, connection))
        .filter(Optional::isPresent)
        .map(Optional::get);
  }

  private static CompletionStage<Optional<String>> ready(Step step, Connection connection) {
    if (step instanceof Send send) {
      return CompletableFuture.completedFuture(Optional.of(send.line()));
    }
    if (step instanceof Await await) {
      return await.gate().thenApply(done -> Optional.empty());
    }
    Answer answer = (Answer) step;
    return connection
        .awaited
        .computeIfAbsent(answer.text(), t -> new CompletableFuture<>())
        .thenApply(received -> Optional.of(answer.answer()));
  }

  @Override
  public void close() {
    binding.terminate(Duration.ofSeconds(3)).toCompletableFuture().join();
  }
}
