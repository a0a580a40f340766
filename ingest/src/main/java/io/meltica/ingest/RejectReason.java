package io.meltica.ingest;

/**
 * Why a line of a replay file was rejected. Each line gets exactly one reason: the first problem
 * found, checked in the order JSON syntax, {@code kind}, {@code venue}, {@code instrument}, common
 * fields, then the fields of the kind. {@link #label()} is the stable name used in logs and
 * reports; docs/replay-format.md lists what each reason covers.
 *
 * <p>Immutable; safe to share between threads.
 */
public enum RejectReason {
  /** Not parseable as JSON (including invalid UTF-8), not a JSON object, or trailing content. */
  BAD_JSON("bad_json"),
  /** {@code kind} names no event kind, or one a replay may not contain. */
  UNKNOWN_KIND("unknown_kind"),
  /** A required field is absent or {@code null}. */
  MISSING_FIELD("missing_field"),
  /** A field has the wrong JSON type, e.g. a string where an integer is required. */
  MISTYPED_FIELD("mistyped_field"),
  /**
   * A number out of its domain: a negative, non-decimal, over-precise (more than 8 decimals) or too
   * large price or quantity, or an integer field that is negative or out of range.
   */
  BAD_NUMBER("bad_number"),
  /**
   * A text field whose value is not one of those allowed: {@code side}, {@code status}, or a {@code
   * trace_id} that is not 16 hex digits.
   */
  BAD_VALUE("bad_value"),
  /** Longer than the line limit (65,536 bytes without the line break). */
  LINE_TOO_LONG("line_too_long"),
  /** {@code instrument} is not a configured instrument symbol. */
  UNKNOWN_INSTRUMENT("unknown_instrument"),
  /** {@code venue} is not a configured venue name. */
  UNKNOWN_VENUE("unknown_venue");

  private final String label;

  RejectReason(String label) {
    this.label = label;
  }

  /** The stable snake_case name used in logs, metrics and reports. */
  public String label() {
    return label;
  }
}
