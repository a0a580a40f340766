package io.meltica.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import java.util.List;
import org.apache.pekko.dispatch.ControlMessage;
import org.junit.jupiter.api.Test;

class SmallTypesTest {

  @Test
  void shouldClassifyExactlyThreeKindsAsCritical() {
    assertThat(EnumSet.allOf(EventKind.class).stream().filter(EventKind::isCritical))
        .containsExactlyInAnyOrder(
            EventKind.EXEC_REPORT, EventKind.CONTROL_ACK, EventKind.CONTROL_RESULT);
    for (EventKind kind : EventKind.values()) {
      assertThat(kind.isMarketData()).isNotEqualTo(kind.isCritical());
      assertThat(EventKind.ofOrdinal(kind.ordinal())).isSameAs(kind);
    }
    assertThat(Side.ofOrdinal(2)).isEqualTo(Side.SELL);
    assertThat(ExecStatus.ofOrdinal(3)).isEqualTo(ExecStatus.FILLED);
  }

  @Test
  void shouldPrintTraceIdsAsSixteenHexDigits() {
    assertThat(TraceIds.format(0xABCL)).isEqualTo("0000000000000abc");
    assertThat(TraceIds.format(-1L)).isEqualTo("ffffffffffffffff");
    assertThat(TraceIds.parse("ffffffffffffffff")).isEqualTo(-1L);
    assertThat(TraceIds.parse(TraceIds.format(123456789L))).isEqualTo(123456789L);
    assertThatThrownBy(() -> TraceIds.parse("abc")).hasMessageContaining("16 hex digits");
    assertThatThrownBy(() -> TraceIds.parse("zzzzzzzzzzzzzzzz")).hasMessageContaining("zzzz");
  }

  @Test
  void shouldDeriveDistinctTraceIds() {
    assertThat(List.of(TraceIds.derive(1, 0), TraceIds.derive(1, 1), TraceIds.derive(2, 0)))
        .doesNotHaveDuplicates()
        .doesNotContain(TraceIds.NONE);
  }

  @Test
  void shouldConvertFixedPointExactly() {
    assertThat(FixedPoint.parse("27123.45")).isEqualTo(2_712_345_000_000L);
    assertThat(FixedPoint.format(2_712_345_000_000L)).isEqualTo("27123.45");
    assertThat(FixedPoint.fromDouble(0.5)).isEqualTo(50_000_000L);
    assertThat(FixedPoint.toDouble(50_000_000L)).isEqualTo(0.5);
    assertThatThrownBy(() -> FixedPoint.parse("0.000000001"))
        .isInstanceOf(NumberFormatException.class)
        .hasMessageContaining("0.000000001");
    assertThatThrownBy(() -> FixedPoint.parse("abc")).isInstanceOf(NumberFormatException.class);
  }

  @Test
  void shouldInternNamesFromOneAndNameUnknownOnes() {
    IdRegistry ids = IdRegistry.of(List.of("BTC-USDT", "ETH-USDT"), List.of("binance", "okx"));

    assertThat(ids.instrumentId("BTC-USDT")).isEqualTo(1);
    assertThat(ids.instrumentId("ETH-USDT")).isEqualTo(2);
    assertThat(ids.instrumentSymbol(2)).isEqualTo("ETH-USDT");
    assertThat(ids.venueId("okx")).isEqualTo(2);
    assertThat(ids.venueName(1)).isEqualTo("binance");
    assertThat(ids.instrumentCount()).isEqualTo(2);
    assertThat(ids.venueCount()).isEqualTo(2);
    assertThat(ids.hasInstrument("SOL-USDT")).isFalse();
    assertThat(ids.hasVenue("okx")).isTrue();
    assertThat(ids.instrumentSymbols()).containsExactly("BTC-USDT", "ETH-USDT");
    assertThat(ids.venueNames()).containsExactly("binance", "okx");
    assertThatThrownBy(() -> ids.instrumentId("SOL-USDT"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown instrument 'SOL-USDT'")
        .hasMessageContaining("BTC-USDT");
    assertThatThrownBy(() -> ids.venueId("kraken")).hasMessageContaining("unknown venue 'kraken'");
    assertThatThrownBy(() -> ids.instrumentSymbol(0)).hasMessageContaining("id 0");
    assertThatThrownBy(() -> IdRegistry.of(List.of("A", "A"), List.of()))
        .hasMessageContaining("duplicate instrument 'A'");
    assertThatThrownBy(() -> IdRegistry.of(List.of(" "), List.of())).hasMessageContaining("blank");
  }

  @Test
  void shouldCarryControlPayloadsInEvents() {
    Event ack = new ControlAck(9, 3).writeTo(Event.standalone());
    Event result = new ControlResult(9, 3).writeTo(Event.standalone());

    assertThat(ack.kind()).isEqualTo(EventKind.CONTROL_ACK);
    assertThat(ControlAck.from(ack)).isEqualTo(new ControlAck(9, 3));
    assertThat(ControlResult.from(result)).isEqualTo(new ControlResult(9, 3));
    assertThatThrownBy(() -> ControlResult.from(ack)).hasMessageContaining("CONTROL_RESULT");
  }

  @Test
  void shouldLetOnlyTheMinimumVersionUpdateOvertakeQueuedMarketData() {
    assertThat(ControlMessage.class).isAssignableFrom(UpdateMinVersion.class);
    assertThat(ControlMessage.class.isAssignableFrom(FlipRouting.class)).isFalse();
    assertThat(ControlMessage.class.isAssignableFrom(Event.class)).isFalse();
  }

  @Test
  void shouldValidateSubscriptions() {
    assertThatThrownBy(() -> new Subscribe(0, 1, null)).hasMessageContaining("strategyId");
    assertThatThrownBy(() -> new Subscribe(1, -1, null)).hasMessageContaining("instrumentId");
    assertThat(Unsubscribe.fromAll(4).instrumentId()).isEqualTo(Subscribe.ALL_INSTRUMENTS);
  }

  @Test
  void shouldAcceptOnlyAsciiDigitsInTraceIdsAndDecimals() {
    assertThatThrownBy(() -> TraceIds.parse("000000000000000١"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ASCII");
    assertThatThrownBy(() -> TraceIds.parse("+00000000000000f")).hasMessageContaining("ASCII");
    assertThat(TraceIds.parse("00000000000000Ff")).isEqualTo(0xFF);
    assertThatThrownBy(() -> FixedPoint.parse("１２"))
        .isInstanceOf(NumberFormatException.class)
        .hasMessageContaining("ASCII");
    assertThatThrownBy(() -> FixedPoint.parse("1.٥")).isInstanceOf(NumberFormatException.class);
    assertThatThrownBy(() -> FixedPoint.parse("")).isInstanceOf(NumberFormatException.class);
    assertThat(FixedPoint.parse("-1.5e2")).isEqualTo(FixedPoint.fromDouble(-150));
  }
}
