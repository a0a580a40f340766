package io.meltica.suites.chaos;

import io.meltica.testkit.MelticaTestKit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Seeded chaos runs of the local pipeline (see {@link ChaosRun}); a failing run is named by its
 * seed. System properties: {@code meltica.chaos.seeds} (how many, default 200), {@code
 * meltica.chaos.steps} (operations per phase, default 40), {@code meltica.chaos.seed} (run only
 * this one, to replay a failure). A long run: {@code mvn -pl testkit-suites/suites test
 * -Dtest=ChaosSuiteTest -Dmeltica.chaos.seeds=5000 -Dmeltica.chaos.steps=400}.
 */
class ChaosSuiteTest {
  @RegisterExtension final MelticaTestKit meltica = MelticaTestKit.create();

  static LongStream seeds() {
    String only = System.getProperty("meltica.chaos.seed");
    if (only != null) {
      return LongStream.of(Long.parseLong(only));
    }
    return LongStream.range(1, 1 + Long.getLong("meltica.chaos.seeds", 200));
  }

  @ParameterizedTest(name = "seed {0} (replay: -Dmeltica.chaos.seed={0})")
  @MethodSource("seeds")
  void shouldLoseNothingAndDeliverEveryCriticalEventWhateverHappens(long seed) {
    new ChaosRun(seed, Integer.getInteger("meltica.chaos.steps", 40), meltica).run();
  }
}
