package io.meltica.supervision;

/**
 * The one rule for which throwables Meltica recovers from and which it lets escalate.
 *
 * <p>A handler or a pipeline actor that throws anything, an {@link Error} such as {@link
 * AssertionError} included, has its envelope recycled, is logged and counted, and goes on (a
 * strategy is resumed or restarted per its supervision). Only a {@link VirtualMachineError} other
 * than {@link StackOverflowError} escalates: after an {@link OutOfMemoryError} or an {@link
 * InternalError} the JVM itself is in doubt, and Pekko's own fatal-error handling (stop the
 * ActorSystem, by default exit the JVM) is the right answer. A {@link StackOverflowError} is
 * recovered: by the time it is caught the stack has unwound, and one strategy's runaway recursion
 * must not take the critical flow of every other strategy with it. docs/architecture.md states the
 * rule for strategy authors.
 */
public final class FatalErrors {
  private FatalErrors() {}

  /** Whether {@code failure} must escalate instead of being recovered from. */
  public static boolean isFatal(Throwable failure) {
    return failure instanceof VirtualMachineError && !(failure instanceof StackOverflowError);
  }
}
