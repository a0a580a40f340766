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
 * Both envelopes of a pool of 2 are out; one holder releases envelope A (generation g) while
 * another thread acquires from the empty pool.
 *
 * <p>r1: how the pool answered the release (1 released, 2/3 refused, 4 other exception). r2: what
 * the acquirer got: 1 envelope A at g + 1, 2 a fresh envelope of this pool at generation 1 (a miss:
 * the release had not reached the free list), 0 anything else (envelope B, a wrong generation), 4
 * the acquire threw. r3: 1 if afterwards the acquired envelope is LIVE at its generation, A is FREE
 * at g unless it was re-acquired, and the counters add up (acquired 3, released 1, in use 2, misses
 * 0 or 1 as r2 says, unaccounted 0), else 0.
 */
@JCStressTest
@Description("Acquire racing a release on an empty pool: never an envelope with two owners.")
@Outcome(
    id = "1, 1, 1",
    expect = ACCEPTABLE,
    desc = "The release reached the free list first: the acquirer got it at the next generation.")
@Outcome(
    id = "1, 2, 1",
    expect = ACCEPTABLE,
    desc = "The acquire came first: a miss allocated a fresh envelope; the released one is FREE.")
@Outcome(expect = FORBIDDEN, desc = "Release refused, a held envelope handed out, or counters off.")
@State
public class AcquireVsReleaseTest {
  private final EventPool pool = Races.smallPool();
  private final Event envelopeA = pool.acquire("holder-a");
  private final Event envelopeB = pool.acquire("holder-b");
  private final long generationA = envelopeA.generation();

  private Event acquired;
  private long acquiredGeneration;

  @Actor
  public void releaser(III_Result r) {
    r.r1 = Races.recycle(pool, envelopeA, generationA);
  }

  @Actor
  public void acquirer(III_Result r) {
    try {
      acquired = pool.acquire("acquirer");
      acquiredGeneration = acquired.generation();
      if (acquired == envelopeA && acquiredGeneration == generationA + 1) {
        r.r2 = 1;
      } else if (acquired != envelopeB && pool.owns(acquired) && acquiredGeneration == 1) {
        r.r2 = 2;
      } else {
        r.r2 = 0;
      }
    } catch (RuntimeException unexpected) {
      r.r2 = Races.FAILED;
    }
  }

  @Arbiter
  public void arbiter(III_Result r) {
    if (acquired == null) {
      r.r3 = 0;
      return;
    }
    boolean reused = acquired == envelopeA;
    boolean aState =
        reused
            ? envelopeA.isLiveAt(generationA + 1)
            : !envelopeA.isLive() && envelopeA.generation() == generationA;
    boolean ok =
        acquired.isLiveAt(acquiredGeneration)
            && aState
            && envelopeB.isLiveAt(1)
            && Races.counts(pool, 3, 1, 2, 0, reused ? 0 : 1);
    r.r3 = ok ? 1 : 0;
  }
}
