package io.meltica.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.meltica.protocol.InvalidEventException.Reason;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class EventValidatorTest {
  private static final IdRegistry IDS =
      IdRegistry.of(List.of("BTC-USDT", "ETH-USDT"), List.of("binance", "okx", "coinbase"));

  /** Standalone envelopes have no pool: a validator for "no pool" takes them. */
  private final EventValidator validator = new EventValidator(IDS, null);

  private static Event trade() {
    return Event.standalone()
        .setKind(EventKind.TRADE)
        .setInstrumentId(1)
        .setVenueId(2)
        .setPrice(100)
        .setQuantity(1)
        .setSide(Side.BUY);
  }

  private static Event execReport() {
    return Event.standalone()
        .setKind(EventKind.EXEC_REPORT)
        .setTargetStrategyId(3)
        .setExecStatus(ExecStatus.FILLED)
        .setSide(Side.SELL);
  }

  private InvalidEventException refusal(Event event) {
    return catchThrowableOfType(InvalidEventException.class, () -> validator.check(event));
  }

  private void assertRefused(Event event, Reason reason, String message) {
    InvalidEventException refused = refusal(event);
    assertThat(refused).as("refused: %s", event).isNotNull();
    assertThat(refused.reason()).isEqualTo(reason);
    assertThat(refused).hasMessageContaining(message);
  }

  @Test
  void shouldAcceptCompleteEventsOfEveryPublishableKind() {
    for (Event event :
        List.of(
            trade(),
            trade().setSide(Side.NONE), // an aggressor side is not always known
            trade().setKind(EventKind.QUOTE).setTopOfBook(1, 1, 2, 1),
            trade().setKind(EventKind.BOOK_SNAPSHOT),
            trade().setKind(EventKind.BOOK_DELTA).setQuantity(0),
            execReport(),
            execReport().setInstrumentId(2).setVenueId(3))) {
      assertThatCode(() -> validator.check(event)).as("%s", event).doesNotThrowAnyException();
    }
  }

  @Test
  void shouldRefuseWhatOnlyThePipelineMakesOrHasNoKind() {
    assertRefused(Event.standalone(), Reason.MISSING_KIND, "kind is not set");
    for (EventKind kind :
        List.of(EventKind.CONSOLIDATED_QUOTE, EventKind.CONTROL_ACK, EventKind.CONTROL_RESULT)) {
      assertRefused(trade().setKind(kind), Reason.NOT_PUBLISHABLE, kind.name());
    }
  }

  @Test
  void shouldRefuseIdsOutsideTheRegistryWhateverTheirSize() {
    assertRefused(trade().setInstrumentId(3), Reason.UNKNOWN_INSTRUMENT, "instrument id 3");
    assertRefused(trade().setInstrumentId(8_000_000), Reason.UNKNOWN_INSTRUMENT, "8000000");
    assertRefused(trade().setInstrumentId(-1), Reason.UNKNOWN_INSTRUMENT, "(1..2)");
    assertRefused(trade().setVenueId(31), Reason.UNKNOWN_VENUE, "venue id 31");
    assertRefused(trade().setVenueId(Integer.MAX_VALUE), Reason.UNKNOWN_VENUE, "(1..3)");
    assertRefused(execReport().setTargetStrategyId(-4), Reason.BAD_VALUE, "-4");
  }

  @Test
  void shouldNameTheMissingOrBadFieldOfEachKind() {
    List<Case> cases =
        List.of(
            new Case(() -> trade().setInstrumentId(0), Reason.MISSING_FIELD, "instrument id"),
            new Case(() -> trade().setVenueId(0), Reason.MISSING_FIELD, "venue id"),
            new Case(() -> trade().setPrice(0), Reason.MISSING_FIELD, "price"),
            new Case(() -> trade().setQuantity(-2), Reason.BAD_VALUE, "quantity"),
            new Case(() -> trade().setSide(null), Reason.MISSING_FIELD, "side"),
            new Case(
                () -> trade().setKind(EventKind.BOOK_DELTA).setSide(Side.NONE),
                Reason.MISSING_FIELD,
                "side must be BUY or SELL"),
            new Case(
                () -> trade().setKind(EventKind.QUOTE).setTopOfBook(-1, 1, 2, 1),
                Reason.BAD_VALUE,
                "bid price"),
            new Case(
                () -> execReport().setExecStatus(ExecStatus.NONE),
                Reason.MISSING_FIELD,
                "exec status"),
            new Case(
                () -> execReport().setFilledQuantity(-1), Reason.BAD_VALUE, "filled quantity"));
    for (Case c : cases) {
      assertRefused(c.event().get(), c.reason(), c.message());
    }
  }

  @Test
  void shouldRefuseAnEnvelopeOfAnotherPoolOrOneNotAcquired() {
    EventValidator ofAPool = new EventValidator(IDS, new Object());
    InvalidEventException foreign =
        catchThrowableOfType(InvalidEventException.class, () -> ofAPool.check(trade()));

    assertThat(foreign.reason()).isEqualTo(Reason.FOREIGN_ENVELOPE);
    assertThat(foreign.reason().isRecyclable()).isFalse();
    assertThat(foreign).hasMessageContaining("standalone");
    assertThat(Reason.MISSING_KIND.isRecyclable()).isTrue();
    assertThat(Reason.NOT_ACQUIRED.label()).isEqualTo("not_acquired");
  }

  private record Case(Supplier<Event> event, Reason reason, String message) {}
}
