package io.meltica.app;

/** The exit codes of {@code meltica}. */
final class ExitCode {
  static final int CLEAN = 0;
  static final int PROBLEM = 1;
  static final int BAD_ARGUMENTS = 2;
  static final int UNREADABLE_INPUT = 3;
  static final int FAILED = 4;

  private ExitCode() {}
}
