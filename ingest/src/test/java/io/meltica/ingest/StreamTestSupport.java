package io.meltica.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.meltica.protocol.IdRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/** One ActorSystem per test class, to run streams on; it must have terminated after the class. */
@ExtendWith(LogCapturingExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class StreamTestSupport {
  /** The instruments and venues of actors' reference.conf. */
  static final IdRegistry IDS =
      IdRegistry.of(
          List.of("BTC-USDT", "ETH-USDT", "SOL-USDT"), List.of("binance", "okx", "coinbase"));

  static final int BTC = 1;
  static final int ETH = 2;
  static final int SOL = 3;
  static final int BINANCE = 1;
  static final int OKX = 2;
  static final int COINBASE = 3;

  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  protected ActorTestKit testKit;

  @BeforeAll
  void startSystem() {
    testKit = ActorTestKit.create(getClass().getSimpleName(), systemConfig());
  }

  /** The configuration of the class's ActorSystem. */
  protected Config systemConfig() {
    return ConfigFactory.load();
  }

  @AfterAll
  void systemTerminated() {
    testKit.shutdownTestKit();
    assertThat(testKit.system().getWhenTerminated().toCompletableFuture()).succeedsWithin(TIMEOUT);
  }

  /** Runs {@code source} to completion and returns what it emitted. */
  protected <T> List<T> runToList(Source<T, ?> source) {
    return assertThat(source.runWith(Sink.seq(), testKit.system()).toCompletableFuture())
        .succeedsWithin(TIMEOUT)
        .actual();
  }

  /** A file of the repository's {@code examples/} folder, found from the working directory up. */
  static Path example(String fileName) {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.isDirectory(dir.resolve("examples"))) {
      dir = dir.getParent();
    }
    assertThat(dir).as("no examples/ folder above the working directory").isNotNull();
    return dir.resolve("examples").resolve(fileName);
  }
}
