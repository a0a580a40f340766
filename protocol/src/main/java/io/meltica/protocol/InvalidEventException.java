package io.meltica.protocol;

/**
 * An event refused at an entrance of the pipeline ({@link EventValidator}): the message names the
 * field and the value, {@link #reason()} the category it is counted under.
 */
public final class InvalidEventException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final transient Reason reason;

  InvalidEventException(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }

  /** Why an event was refused; {@link #label()} is the stable name in metrics and reports. */
  public enum Reason {
    /** A standalone envelope or one of another pool: the caller keeps it. */
    FOREIGN_ENVELOPE("foreign_envelope"),
    /** An envelope already released (published twice, used after recycling): no one owns it. */
    NOT_ACQUIRED("not_acquired"),
    /** No kind set. */
    MISSING_KIND("missing_kind"),
    /** A kind only the pipeline makes: consolidated quotes, control acks and results. */
    NOT_PUBLISHABLE("not_publishable"),
    /** An instrument id outside the registry. */
    UNKNOWN_INSTRUMENT("unknown_instrument"),
    /** A venue id outside the registry. */
    UNKNOWN_VENUE("unknown_venue"),
    /** A field the kind needs is not set (an instrument, a venue, a price, a status). */
    MISSING_FIELD("missing_field"),
    /** A field out of its domain (a negative amount, a negative target). */
    BAD_VALUE("bad_value");

    private final String label;

    Reason(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }

    /** Whether the refused envelope is the entrance's to recycle into its pool. */
    public boolean isRecyclable() {
      return this != FOREIGN_ENVELOPE && this != NOT_ACQUIRED;
    }
  }
}
