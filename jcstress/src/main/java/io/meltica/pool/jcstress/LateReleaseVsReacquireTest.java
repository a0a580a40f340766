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
 * An envelope was acquired and released under generation g and is the only one in the free list;
 * the next owner acquires it (g + 1) while a late holder releases it again with g.
 *
 * <p>r1: 1 if the next owner got that envelope at g + 1, 0 if it got another one or another
 * generation, 4 if the acquire threw. r2: how the pool answered the late release (1 released, 2
 * refused as a double release, 3 refused as stale, 4 other exception). r3: 1 if afterwards the
 * envelope is still LIVE at g + 1 and the counters add up (in use 2, released 1, refused 1,
 * unaccounted 0), else 0.
 *
 * <p>The late release is refused either way: as stale when it comes after the re-acquire, and as a
 * double release when it comes first (the envelope is then still FREE at g, which is a second
 * release of g). It never frees the next owner's envelope.
 */
@JCStressTest
@Description("A late release with an old generation racing the envelope's next owner never wins.")
@Outcome(
    id = "1, 3, 1",
    expect = ACCEPTABLE,
    desc = "Release after the re-acquire: refused as stale; the next owner keeps it at g + 1.")
@Outcome(
    id = "1, 2, 1",
    expect = ACCEPTABLE,
    desc = "Release before the re-acquire: refused as double (still FREE at g); owner keeps g + 1.")
@Outcome(
    expect = FORBIDDEN,
    desc = "The late release won, the next owner lost it, or counters off.")
@State
public class LateReleaseVsReacquireTest {
  private final EventPool pool = Races.smallPool();
  private final Event envelope;
  private final long staleGeneration;

  /** The envelope the next owner got, and the generation it got it under. */
  private Event acquired;

  private long acquiredGeneration;

  public LateReleaseVsReacquireTest() {
    envelope = pool.acquire("first-owner");
    pool.acquire("bystander"); // takes the other of the 2, so the re-acquire must take `envelope`
    staleGeneration = envelope.generation();
    Races.recycle(pool, envelope, staleGeneration);
  }

  @Actor
  public void nextOwner(III_Result r) {
    try {
      acquired = pool.acquire("next-owner");
      acquiredGeneration = acquired.generation();
      r.r1 = acquired == envelope && acquiredGeneration == staleGeneration + 1 ? 1 : 0;
    } catch (RuntimeException unexpected) {
      r.r1 = Races.FAILED;
    }
  }

  @Actor
  public void lateHolder(III_Result r) {
    r.r2 = Races.recycle(pool, envelope, staleGeneration);
  }

  @Arbiter
  public void arbiter(III_Result r) {
    boolean stillOwned = acquired == envelope && envelope.isLiveAt(staleGeneration + 1);
    r.r3 = stillOwned && Races.counts(pool, 3, 1, 2, 1, 0) ? 1 : 0;
  }
}
