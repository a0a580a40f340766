package io.meltica.supervision;

/**
 * An {@link Error} a strategy's handler threw, carried as an exception so that the strategy's
 * supervisor (which handles exceptions) resumes or restarts it like after any other failure. The
 * error is the cause. See {@link FatalErrors} for the errors that are not wrapped.
 */
public final class HandlerError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  HandlerError(Error cause) {
    super("handler threw " + cause, cause);
  }
}
