package io.meltica.protocol;

/**
 * A release the envelope refused: it was already released (a double release), or the holder's
 * generation is not the envelope's current one (a stale release: the envelope went back to the pool
 * and out again, and the late holder would otherwise free the next owner's envelope).
 */
public final class ReleaseRefusedException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  private final boolean stale;

  ReleaseRefusedException(boolean stale, String message) {
    super(message);
    this.stale = stale;
  }

  /** True for a release with an old generation; false for a second release of the same one. */
  public boolean isStale() {
    return stale;
  }
}
