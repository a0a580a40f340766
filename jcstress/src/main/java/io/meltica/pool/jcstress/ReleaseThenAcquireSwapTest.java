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
 * Both envelopes of a pool of 2 are out, A with one actor and B with the other; each actor releases
 * its envelope and then acquires one, so each acquire races the other actor's release (and
 * acquire).
 *
 * <p>r1, r2: what each actor's acquire got: 1 envelope A, 2 envelope B, each at generation 2 (the
 * next after its first hand-out), 3 a fresh envelope (a miss), 0 anything else or a refused
 * release, 4 an exception. r3: 1 if afterwards each actor's envelope is LIVE at the generation it
 * got, the two are different envelopes, and the counters add up (acquired 4, released 2, in use 2,
 * no miss, unaccounted 0), else 0.
 *
 * <p>A miss is forbidden too: each actor's own release is in the free list before its acquire, so
 * the free list is never empty when an acquire polls it.
 */
@JCStressTest
@Description("Release-then-acquire on two threads: every envelope has one owner per generation.")
@Outcome(
    id = "1, 2, 1",
    expect = ACCEPTABLE,
    desc = "Each actor got back the envelope it released, at the next generation.")
@Outcome(
    id = "2, 1, 1",
    expect = ACCEPTABLE,
    desc = "The actors swapped envelopes, each at the next generation.")
@Outcome(expect = FORBIDDEN, desc = "One envelope for both, a miss, a refusal, or counters off.")
@State
public class ReleaseThenAcquireSwapTest {
  private final EventPool pool = Races.smallPool();
  private final Event envelopeA = pool.acquire("holder-1");
  private final Event envelopeB = pool.acquire("holder-2");
  private final long generationA = envelopeA.generation();
  private final long generationB = envelopeB.generation();

  private Event acquired1;
  private long generation1;
  private Event acquired2;
  private long generation2;

  @Actor
  public void actor1(III_Result r) {
    if (Races.recycle(pool, envelopeA, generationA) != Races.RELEASED) {
      r.r1 = 0;
      return;
    }
    try {
      acquired1 = pool.acquire("actor-1");
      generation1 = acquired1.generation();
      r.r1 = code(acquired1, generation1);
    } catch (RuntimeException unexpected) {
      r.r1 = Races.FAILED;
    }
  }

  @Actor
  public void actor2(III_Result r) {
    if (Races.recycle(pool, envelopeB, generationB) != Races.RELEASED) {
      r.r2 = 0;
      return;
    }
    try {
      acquired2 = pool.acquire("actor-2");
      generation2 = acquired2.generation();
      r.r2 = code(acquired2, generation2);
    } catch (RuntimeException unexpected) {
      r.r2 = Races.FAILED;
    }
  }

  @Arbiter
  public void arbiter(III_Result r) {
    boolean ok =
        acquired1 != null
            && acquired2 != null
            && acquired1 != acquired2
            && acquired1.isLiveAt(generation1)
            && acquired2.isLiveAt(generation2)
            && Races.counts(pool, 4, 2, 2, 0, 0);
    r.r3 = ok ? 1 : 0;
  }

  private int code(Event event, long generation) {
    if (event == envelopeA) {
      return generation == generationA + 1 ? 1 : 0;
    }
    if (event == envelopeB) {
      return generation == generationB + 1 ? 2 : 0;
    }
    return pool.owns(event) ? 3 : 0;
  }
}
