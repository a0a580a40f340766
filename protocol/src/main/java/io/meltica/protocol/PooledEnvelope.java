package io.meltica.protocol;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * Lifecycle of a pooled envelope, kept apart from its payload ({@link Event}'s fields) so that
 * copying and resetting the payload can never touch ownership state.
 *
 * <h2>States and generations</h2>
 *
 * An envelope is either FREE (in a pool, or just released) or LIVE (owned by exactly one holder),
 * and it has a generation that {@link #markAcquired} raises on every hand-out. State, generation
 * and the number of extra holders of a shared envelope live in one {@code long} (the stamp:
 * generation in the high 47 bits, extra holders in the next 16, LIVE in the lowest) that only a CAS
 * changes, so no thread can ever see a new generation with an old state or the reverse.
 *
 * <h2>Shared envelopes</h2>
 *
 * The owner may {@link #share} a LIVE envelope among several holders (one per recipient of a
 * fan-out) before handing it out. Each holder releases it with the same generation; every release
 * but the last only counts the holder off, and the last one frees it. A shared envelope is
 * read-only: in debug mode every setter throws. A late release is refused as for an exclusive
 * envelope, since the generation is checked by the same CAS that counts the holder off.
 *
 * <p>Every holder remembers the generation it received ({@link #generation()} when the envelope
 * reached it) and releases with it: {@link #markReleased} moves exactly (generation, LIVE) to
 * (generation, FREE). A second release of the same generation, even racing on another thread, and a
 * release that comes late, after the envelope went back and out again under a newer generation,
 * both fail the CAS and throw {@link ReleaseRefusedException}; the current owner's envelope is
 * never touched. Always on, in production too.
 *
 * <p>In debug mode a released envelope's payload is poisoned with {@link #POISON} patterns and
 * every payload accessor calls {@link #checkLive()}, so a use after release throws on its first
 * access instead of reading another strategy's data.
 *
 * <h2>Concurrency</h2>
 *
 * The owner reads and writes the payload with plain accesses; ownership moves between threads only
 * through a message send (Pekko's mailbox gives the happens-before edge) or through the pool's
 * queue (a release/acquire pair). The stamp is volatile and changed only by CAS; the diagnostic
 * tags ({@link #lastOwner()} and the like) are plain fields written by the owner, exact on the
 * owner's thread and for messages only elsewhere.
 *
 * <p>{@link #markAcquired} and {@link #markReleased} belong to the pool; an ArchUnit rule keeps
 * every other package from calling them.
 */
public abstract class PooledEnvelope {
  /** The pattern a released envelope's longs are set to in debug mode. */
  public static final long POISON = 0xDEADBEEFDEADBEEFL;

  /** The pattern a released envelope's ints are set to in debug mode. */
  public static final int POISON_INT = 0xDEADBEEF;

  private static final long LIVE = 1L;
  private static final int SHARES_SHIFT = 1;
  private static final long SHARES_MASK = 0xFFFFL << SHARES_SHIFT;
  private static final int GENERATION_SHIFT = 17;

  /** Most holders one envelope can be shared among. */
  public static final int MAX_HOLDERS = (int) (SHARES_MASK >>> SHARES_SHIFT) + 1;

  private static final VarHandle STAMP;

  static {
    try {
      STAMP = MethodHandles.lookup().findVarHandle(PooledEnvelope.class, "stamp", long.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final boolean debug;
  private final boolean recordStacks;
  private final Object origin;
  private final int poolSlot;

  /** Generation in the high 47 bits, extra holders in the next 16, LIVE in the lowest; CAS only. */
  private volatile long stamp;

  private String lastOwner = "created";
  private String acquiredBy = "nobody";
  private String releasedBy = "never";
  private Throwable acquiredAt;

  /**
   * @param debug poison on release and check every access
   * @param recordStacks in debug mode, also keep the stack of every acquisition (costly: one stack
   *     trace per acquire)
   * @param live start LIVE (a standalone envelope no pool handed out, generation 0) instead of FREE
   * @param origin the pool that made it, or null for a standalone envelope
   * @param poolSlot its place among the envelopes its pool keeps, or -1 if the pool keeps it not
   */
  protected PooledEnvelope(
      boolean debug, boolean recordStacks, boolean live, Object origin, int poolSlot) {
    this.debug = debug;
    this.recordStacks = debug && recordStacks;
    this.stamp = live ? LIVE : 0L;
    this.origin = origin;
    this.poolSlot = poolSlot;
  }

  /**
   * The pool that made this envelope (null if none). Lets a dead-letter listener shared by several
   * pipelines in one ActorSystem recycle only its own pool's envelopes.
   */
  public final Object origin() {
    return origin;
  }

  /**
   * Its place among the envelopes its pool keeps (0 to the capacity - 1), or -1 for an envelope the
   * pool made beyond its capacity (a miss) and for a standalone one: the pool takes back only
   * envelopes with a place.
   */
  public final int poolSlot() {
    return poolSlot;
  }

  /** Whether this envelope poisons on release and checks every access. */
  public final boolean isDebug() {
    return debug;
  }

  /** True while an owner holds it; false once released. */
  public final boolean isLive() {
    return (stamp & LIVE) != 0;
  }

  /**
   * Raised on every acquire. A holder reads it when the envelope reaches it and releases with it,
   * so that a release that comes after the envelope went to someone else is refused.
   */
  public final long generation() {
    return stamp >>> GENERATION_SHIFT;
  }

  /** Whether the envelope is LIVE under {@code generation}, that is still held by its holder. */
  public final boolean isLiveAt(long generation) {
    return (stamp & ~SHARES_MASK) == liveStamp(generation);
  }

  /** Whether more than one holder holds it (see {@link #share}); such an envelope is read-only. */
  public final boolean isShared() {
    return (stamp & SHARES_MASK) != 0;
  }

  /**
   * The owner, before handing the envelope out: {@code holders} holders will each release it once
   * with {@code heldGeneration}, and the last release frees it. Not for an envelope already shared.
   *
   * @throws IllegalArgumentException if {@code holders} is not in 1..{@link #MAX_HOLDERS}
   * @throws IllegalStateException if the caller does not hold it exclusively under that generation
   */
  public final void share(long heldGeneration, int holders) {
    if (holders < 1 || holders > MAX_HOLDERS) {
      throw new IllegalArgumentException(
          "an envelope is shared by 1.." + MAX_HOLDERS + " holders, not " + holders);
    }
    long exclusive = liveStamp(heldGeneration);
    // Pairs with the holders' release CASes, which see the count only after the hand-off.
    if (!STAMP.compareAndSet(this, exclusive, exclusive | (long) (holders - 1) << SHARES_SHIFT)) {
      throw new IllegalStateException(
          "only the exclusive holder may share an envelope: generation "
              + heldGeneration
              + ", stamp "
              + Long.toHexString(stamp)
              + ", last owner '"
              + lastOwner
              + "'");
    }
  }

  /** The tag of the holder the envelope was last handed to (see {@link #touch}). */
  public final String lastOwner() {
    return lastOwner;
  }

  /** The owner that acquired it last (the tag given to the pool's acquire). */
  public final String acquiredBy() {
    return acquiredBy;
  }

  /** With acquisition stacks on, where it was last acquired; otherwise null. */
  public final Throwable acquiredAt() {
    return acquiredAt;
  }

  /**
   * Records the holder the envelope is being handed to, for leak reports and misuse messages, in
   * the spirit of Netty's {@code touch()}. Pass a constant or a string kept by the holder: the call
   * must not allocate.
   */
  public final void touch(String owner) {
    checkLive();
    lastOwner = owner;
  }

  /**
   * Pool only: claims a FREE envelope for {@code owner} under the next generation.
   *
   * @return the new generation, the one the owner releases with
   * @throws IllegalStateException if the envelope is LIVE, that is the pool handed out an envelope
   *     somebody still holds
   */
  public final long markAcquired(String owner) {
    long current = stamp;
    long next = (current >>> GENERATION_SHIFT) + 1;
    // Pairs with the release CAS that made it FREE, and with any racing acquire or release.
    if ((current & LIVE) != 0 || !STAMP.compareAndSet(this, current, liveStamp(next))) {
      throw new IllegalStateException(
          "envelope handed out while still in use: generation "
              + generation()
              + ", last owner '"
              + lastOwner
              + "'");
    }
    lastOwner = owner;
    acquiredBy = owner;
    if (debug) {
      clearPayload();
    }
    if (recordStacks) {
      acquiredAt = new Throwable("acquired by '" + owner + "', generation " + next);
    }
    return next;
  }

  /**
   * Pool only: gives up one holder's hold on the envelope, if it is LIVE under {@code
   * heldGeneration}; the last holder's release frees it. For an exclusive envelope exactly one of
   * any number of concurrent calls with the current generation wins; every other call, and every
   * call with another generation, throws and changes nothing.
   *
   * @param heldGeneration the generation the releasing holder received
   * @param by why or by whom it is released, named in the message if it is released again
   * @return true if it is now FREE (the pool takes it back); false if other holders still hold it
   * @throws ReleaseRefusedException naming both generations, the last owner and the first release:
   *     stale if {@code heldGeneration} is not the current one, a double release if it is but the
   *     envelope is already FREE
   */
  public final boolean markReleased(long heldGeneration, String by) {
    long current;
    // Pairs with the acquire CAS and with the other holders' releases: only a holder of this very
    // generation can count itself off or move the envelope to FREE.
    while (((current = stamp) & ~SHARES_MASK) == liveStamp(heldGeneration)) {
      if ((current & SHARES_MASK) != 0) {
        if (STAMP.compareAndSet(this, current, current - (1L << SHARES_SHIFT))) {
          return false;
        }
      } else if (STAMP.compareAndSet(this, current, heldGeneration << GENERATION_SHIFT)) {
        releasedBy = by;
        if (debug) {
          poisonPayload();
        } else {
          clearPayload();
        }
        return true;
      }
    }
    long currentGeneration = current >>> GENERATION_SHIFT;
    if (currentGeneration != heldGeneration) {
      throw new ReleaseRefusedException(
          true,
          "stale release refused: held generation "
              + heldGeneration
              + ", envelope is at generation "
              + currentGeneration
              + ((current & LIVE) != 0 ? " (in use by its next owner)" : " (free)")
              + ", last owner '"
              + lastOwner
              + "', released by "
              + by);
    }
    throw new ReleaseRefusedException(
        false,
        "envelope released twice: generation "
            + currentGeneration
            + ", last owner '"
            + lastOwner
            + "', first released by "
            + releasedBy
            + ", again by "
            + by);
  }

  private static long liveStamp(long generation) {
    return generation << GENERATION_SHIFT | LIVE;
  }

  /** Sets every payload field to its initial value. */
  protected abstract void clearPayload();

  /** Sets every payload field to a {@link #POISON} pattern (enums to null). */
  protected abstract void poisonPayload();

  /**
   * In debug mode, throws if the envelope is not LIVE. Every payload accessor calls it first.
   *
   * @throws IllegalStateException naming the generation, last owner and release on a use after
   *     release
   */
  protected final void checkLive() {
    if (debug && (stamp & LIVE) == 0) {
      throw useAfterRelease();
    }
  }

  /**
   * In debug mode, throws if the envelope is not LIVE or is shared. Every payload setter calls it
   * first.
   *
   * @throws IllegalStateException on a use after release or a write to a shared envelope
   */
  protected final void checkWritable() {
    if (!debug) {
      return;
    }
    long current = stamp;
    if ((current & LIVE) == 0) {
      throw useAfterRelease();
    }
    if ((current & SHARES_MASK) != 0) {
      throw new IllegalStateException(
          "write to a shared envelope (read-only for every holder): generation "
              + generation()
              + ", last owner '"
              + lastOwner
              + "'; copy the fields a handler changes, or use meltica.router.fan-out = copy");
    }
  }

  private IllegalStateException useAfterRelease() {
    return new IllegalStateException(
        "use after release: generation "
            + generation()
            + ", last owner '"
            + lastOwner
            + "', released by "
            + releasedBy);
  }
}
