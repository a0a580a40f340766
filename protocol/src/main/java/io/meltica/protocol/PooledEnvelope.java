package io.meltica.protocol;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * Lifecycle of a pooled envelope, kept apart from its payload ({@link Event}'s fields) so that
 * copying and resetting the payload can never touch ownership state.
 *
 * <h2>States</h2>
 *
 * An envelope is either FREE (in a pool, or just released) or LIVE (owned by exactly one holder).
 * {@link #markAcquired} moves FREE to LIVE and bumps the generation; {@link #markReleased} moves
 * LIVE to FREE with a CAS, so that of two releases, even racing on two threads, exactly one wins
 * and the other throws {@link IllegalStateException}. That check is always on.
 *
 * <p>In debug mode a released envelope's payload is poisoned with {@link #POISON} patterns and
 * every payload accessor calls {@link #checkLive()}, so a use after release throws on its first
 * access instead of reading another strategy's data.
 *
 * <h2>Concurrency</h2>
 *
 * The owner reads and writes the payload with plain accesses; ownership moves between threads only
 * through a message send (Pekko's mailbox gives the happens-before edge) or through the pool's
 * queue (a release/acquire pair). The state is volatile and changed only by CAS. The generation is
 * written by the acquiring thread before its state CAS (which publishes it) and read with acquire
 * semantics, so a holder on another thread that compares generations sees the bump at the latest
 * once it sees the envelope LIVE again.
 *
 * <p>{@link #markAcquired} and {@link #markReleased} belong to the pool; an ArchUnit rule keeps
 * every other package from calling them.
 */
public abstract class PooledEnvelope {
  /** The pattern a released envelope's longs are set to in debug mode. */
  public static final long POISON = 0xDEADBEEFDEADBEEFL;

  /** The pattern a released envelope's ints are set to in debug mode. */
  public static final int POISON_INT = 0xDEADBEEF;

  private static final int FREE = 0;
  private static final int LIVE = 1;
  private static final VarHandle STATE;
  private static final VarHandle GENERATION;

  static {
    try {
      MethodHandles.Lookup lookup = MethodHandles.lookup();
      STATE = lookup.findVarHandle(PooledEnvelope.class, "state", int.class);
      GENERATION = lookup.findVarHandle(PooledEnvelope.class, "generation", long.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final boolean debug;
  private final boolean recordStacks;
  private final Object origin;
  private volatile int state;
  private long generation;
  private String lastOwner = "created";
  private String acquiredBy = "nobody";
  private String releasedBy = "never";
  private Throwable acquiredAt;

  /**
   * @param debug poison on release and check every access
   * @param recordStacks in debug mode, also keep the stack of every acquisition (costly: one stack
   *     trace per acquire)
   * @param live start LIVE (a standalone envelope no pool handed out) instead of FREE
   * @param origin the pool that made it, or null for a standalone envelope
   */
  protected PooledEnvelope(boolean debug, boolean recordStacks, boolean live, Object origin) {
    this.debug = debug;
    this.recordStacks = debug && recordStacks;
    this.state = live ? LIVE : FREE;
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
    return state == LIVE;
  }

  /**
   * Incremented on every acquire. A holder that remembers it can tell that its envelope was
   * recycled and handed to someone else.
   */
  public final long generation() {
    return (long) GENERATION.getAcquire(this);
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
   * Pool only: claims a FREE envelope for {@code owner}.
   *
   * @throws IllegalStateException if the envelope is LIVE, that is the pool handed out an envelope
   *     somebody still holds
   */
  public final void markAcquired(String owner) {
    long next = generation + 1;
    GENERATION.setRelease(this, next);
    if (!STATE.compareAndSet(this, FREE, LIVE)) {
      throw new IllegalStateException(
          "envelope handed out while still in use: generation "
              + next
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
  }

  /**
   * Pool only: gives the envelope up. Exactly one of any number of concurrent calls wins.
   *
   * @param by why or by whom it is released, named in the message if it is released again
   * @throws IllegalStateException naming the generation, last owner and first release if the
   *     envelope was already released
   */
  public final void markReleased(String by) {
    if (!STATE.compareAndSet(this, LIVE, FREE)) {
      throw new IllegalStateException(
          "envelope released twice: generation "
              + generation()
              + ", last owner '"
              + lastOwner
              + "', first released by "
              + releasedBy
              + ", again by "
              + by);
    }
    releasedBy = by;
    if (debug) {
      poisonPayload();
    } else {
      clearPayload();
    }
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
    if (debug && state != LIVE) {
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
