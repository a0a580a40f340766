package io.meltica.pool.jcstress;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import io.meltica.pool.EventPool;
import io.meltica.protocol.Event;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.III_Result;

/**
 * The two holders of a shared envelope (the shared fan-out to two strategies) release it at the
 * same time, each once, under the generation they received.
 *
 * <p>r1, r2: how the pool answered each actor (1 accepted, 2 refused as a double release, 3 refused
 * as stale, 4 any other exception). r3: 1 if afterwards the envelope is FREE at its generation and
 * the counters moved by exactly one release (in use 0, released 1, refused 0, unaccounted 0): the
 * first release only counted its holder off, the second freed it; else 0.
 */
@JCStressTest
@Description("Two racing releases of a shared envelope: both accepted, freed exactly once.")
@Outcome(id = "1, 1, 1", expect = ACCEPTABLE, desc = "Both accepted, freed once, counters exact.")
@Outcome(expect = FORBIDDEN, desc = "A release refused, freed early or twice, or counters off.")
@State
public class SharedReleaseRaceTest {
  private final EventPool pool = Races.smallPool();
  private final Event event = pool.acquire("router");
  private final long generation = event.generation();

  public SharedReleaseRaceTest() {
    event.share(generation, 2);
  }

  @Actor
  public void strategy1(III_Result r) {
    r.r1 = Races.recycle(pool, event, generation);
  }

  @Actor
  public void strategy2(III_Result r) {
    r.r2 = Races.recycle(pool, event, generation);
  }

  @Arbiter
  public void arbiter(III_Result r) {
    boolean freeAtGeneration = !event.isLive() && event.generation() == generation;
    r.r3 = freeAtGeneration && Races.counts(pool, 1, 1, 0, 0, 0) ? 1 : 0;
  }
}
