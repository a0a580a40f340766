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
 * and it has a generation that {@link #markAcquired} raises on every hand-out. State and generation
 * live in one {@code long} (the stamp: generation in the high 63 bits, LIVE in the lowest) that
 * only a CAS changes, so no thread can ever see a new generation with an old state or the reverse.
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

  /** Generation in the high 63 bits, LIVE in the lowest; changed only by CAS. */
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
   */
  protected PooledEnvelope(boolean debug, boolean recordStacks, boolean live, Object origin) {
    this.debug = debug;
    this.recordStacks = debug && recordStacks;
    this.stamp = live ? LIVE : 0L;
    this.origin = origin;
  }

  /**
   * The pool that made this envelope (null if none). Lets a dead-letter listener shared by several
   * pipelines in one ActorSystem recycle only its own pool's envelopes.
   */
  public final Object origin() {
    return origin;
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
    return stamp >>> 1;
  }

  /** Whether the envelope is LIVE under {@code generation}, that is still held by its holder. */
  public final boolean isLiveAt(long generation) {
    return stamp == liveStamp(generation);
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
    long next = (current >>> 1) + 1;
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
   * Pool only: gives the envelope up, if it is LIVE under {@code heldGeneration}. Exactly one of
   * any number of concurrent calls with the current generation wins; every other call, and every
   * call with another generation, throws and changes nothing.
   *
   * @param heldGeneration the generation the releasing holder received
   * @param by why or by whom it is released, named in the message if it is released again
   * @throws ReleaseRefusedException naming both generations, the last owner and the first release:
   *     stale if {@code heldGeneration} is not the current one, a double release if it is but the
   *     envelope is already FREE
   */
  public final void markReleased(long heldGeneration, String by) {
    // Pairs with the acquire CAS: only the holder of this very generation can move it to FREE.
    if (STAMP.compareAndSet(this, liveStamp(heldGeneration), heldGeneration << 1)) {
      releasedBy = by;
      if (debug) {
        poisonPayload();
      } else {
        clearPayload();
      }
      return;
    }
    long current = stamp;
    long currentGeneration = current >>> 1;
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
    return generation << 1 | LIVE;
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
      throw new IllegalStateException(
          "use after release: generation "
              + generation()
              + ", last owner '"
              + lastOwner
              + "', released by "
              + releasedBy);
    }
  }
}
