package io.meltica.pool;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

/**
 * Envelopes acquired and not yet released, as seen at one moment.
 *
 * @param inUse how many are out
 * @param outstanding each one, with its owner trail; empty unless the pool runs in debug mode
 */
public record LeakReport(long inUse, List<Outstanding> outstanding) {
  public LeakReport {
    outstanding = List.copyOf(outstanding);
  }

  /**
   * One envelope that is out.
   *
   * @param generation its generation when the report was taken
   * @param acquiredBy the owner tag given at acquisition
   * @param lastOwner who it was last handed to ({@code touch})
   * @param envelope its fields when the report was taken (kind, ids, trace id...)
   * @param acquiredAt the stack of its acquisition, if acquisition stacks are on
   */
  public record Outstanding(
      long generation,
      String acquiredBy,
      String lastOwner,
      String envelope,
      Throwable acquiredAt) {}

  public boolean isClean() {
    return inUse == 0;
  }

  /** A multi-line description with each outstanding envelope's owner and acquisition stack. */
  @Override
  public String toString() {
    StringWriter text = new StringWriter();
    PrintWriter out = new PrintWriter(text);
    out.printf("%d envelope(s) in use%n", inUse);
    for (Outstanding leak : outstanding) {
      out.printf(
          "  generation %d, acquired by '%s', last handed to '%s': %s%n",
          leak.generation, leak.acquiredBy, leak.lastOwner, leak.envelope);
      if (leak.acquiredAt != null) {
        leak.acquiredAt.printStackTrace(out);
      }
    }
    out.flush();
    return text.toString();
  }
}
