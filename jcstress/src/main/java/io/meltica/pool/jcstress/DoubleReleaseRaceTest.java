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
 * Two holders race to release the same envelope under the same generation.
 *
 * <p>r1, r2: how the pool answered each actor (1 released, 2 refused as a double release, 3 refused
 * as stale, 4 any other exception). r3: 1 if afterwards the envelope is FREE at its generation and
 * the counters moved by exactly one release and one double release (in use 0, released 1, refused
 * 1, unaccounted 0), else 0.
 */
@JCStressTest
@Description("Two racing releases of one (envelope, generation): exactly one wins.")
@Outcome(
    id = {"1, 2, 1", "2, 1, 1"},
    expect = ACCEPTABLE,
    desc = "One release wins, the other is refused as a double release; counters consistent.")
@Outcome(expect = FORBIDDEN, desc = "Both or neither released, wrong refusal, or counters off.")
@State
public class DoubleReleaseRaceTest {
  private final EventPool pool = Races.smallPool();
  private final Event event = pool.acquire("racer");
  private final long generation = event.generation();

  @Actor
  public void releaser1(III_Result r) {
    r.r1 = Races.recycle(pool, event, generation);
  }

  @Actor
  public void releaser2(III_Result r) {
    r.r2 = Races.recycle(pool, event, generation);
  }

  @Arbiter
  public void arbiter(III_Result r) {
    boolean freeAtGeneration = !event.isLive() && event.generation() == generation;
    r.r3 =
        freeAtGeneration && pool.doubleReleaseCount() == 1 && Races.counts(pool, 1, 1, 0, 1, 0)
            ? 1
            : 0;
  }
}
