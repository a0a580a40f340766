package io.meltica.ingest;

/**
 * Thrown inside the decoder only, and caught in {@link #decode(LineFramer.Frame)}; no stack trace,
 * since rejections are expected input.
 */
final class LineRejected extends Exception {
  private static final long serialVersionUID = 1L;

  final RejectReason reason;
  final String detail;

  LineRejected(RejectReason reason, String detail) {
    super(detail, null, false, false);
    this.reason = reason;
    this.detail = detail;
  }
}
