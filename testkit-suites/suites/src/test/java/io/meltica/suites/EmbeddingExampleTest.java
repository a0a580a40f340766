package io.meltica.suites;

import static org.assertj.core.api.Assertions.assertThat;

import io.meltica.actors.Meltica;
import io.meltica.actors.MelticaPipeline;
import io.meltica.protocol.Event;
import io.meltica.protocol.EventKind;
import io.meltica.protocol.FixedPoint;
import io.meltica.protocol.Side;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** The embedding sample of the README, compiled and run; the README must quote it verbatim. */
class EmbeddingExampleTest {
  private final AtomicLong lastPrice = new AtomicLong();

  @Test
  void shouldRunTheReadmeSampleAndLeaveNothingBehind() {
    // README-SAMPLE-START
    ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "trading");

    MelticaPipeline meltica = Meltica.get(system).pipeline();
    meltica.subscribe(
        "momentum",
        List.of("BTC-USDT"),
        (event, ctx) -> {
          if (event.kind() == EventKind.TRADE) {
            lastPrice.set(event.price()); // copy what you keep: the envelope is recycled
          }
        });

    Event trade =
        meltica
            .acquire()
            .setKind(EventKind.TRADE)
            .setInstrumentId(meltica.ids().instrumentId("BTC-USDT"))
            .setVenueId(meltica.ids().venueId("binance"))
            .setPrice(FixedPoint.parse("27123.45"))
            .setQuantity(FixedPoint.parse("0.5"))
            .setSide(Side.BUY)
            .setIngestTimeNanos(System.nanoTime());
    meltica.publish(trade); // the pipeline owns the envelope from here on
    // README-SAMPLE-END

    Awaitility.await()
        .atMost(Duration.ofSeconds(5))
        .pollInSameThread()
        .until(() -> lastPrice.get() == FixedPoint.parse("27123.45"));
    system.terminate();
    assertThat(system.getWhenTerminated().toCompletableFuture())
        .succeedsWithin(Duration.ofSeconds(10));
    assertThat(meltica.pool().inUse()).as(meltica.pool().leakReport().toString()).isZero();
  }

  @Test
  void shouldBeQuotedInTheReadmeWordForWord() throws IOException {
    String source =
        Files.readString(Path.of("src/test/java/io/meltica/suites/EmbeddingExampleTest.java"));
    String sample =
        source.substring(
            source.indexOf("// README-SAMPLE-START") + "// README-SAMPLE-START".length(),
            source.indexOf("    // README-SAMPLE-END"));
    String readme = Files.readString(Path.of("../..", "README.md"));

    assertThat(normalised(readme)).contains(normalised(sample));
  }

  /** The sample's lines without their indentation, as the README shows them. */
  private static String normalised(String text) {
    return Arrays.stream(text.split("\n"))
        .map(String::strip)
        .filter(line -> !line.isEmpty())
        .collect(Collectors.joining("\n"));
  }
}
