package io.meltica.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Field;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class EventTest {

  @Test
  void shouldHaveFieldsToCover() {
    assertThat(EventFields.payloadFields()).hasSizeGreaterThan(20);
  }

  @Test
  void shouldCopyEveryDeclaredField() {
    Event source = Event.standalone();
    EventFields.fillDistinct(source, 42);
    Event target = Event.standalone();

    source.copyInto(target);

    EventFields.assertSamePayload(target, source);
  }

  @Test
  void shouldLeaveNoStaleLegWhenCopyingFewerLegsOverMore() {
    Event twoLegs = Event.standalone().addLeg(1, 10, 1, 11, 1).addLeg(2, 20, 2, 21, 2);
    Event threeLegs =
        Event.standalone().addLeg(7, 70, 7, 71, 7).addLeg(8, 80, 8, 81, 8).addLeg(9, 90, 9, 91, 9);

    twoLegs.copyInto(threeLegs);

    EventFields.assertSamePayload(threeLegs, twoLegs);
  }

  @Test
  void shouldClearThePoisonOfEveryLegOnReset() {
    Event event = Event.standalone();
    event.poisonPayload();

    event.reset();

    EventFields.assertSamePayload(event, Event.standalone());
  }

  @Test
  void shouldResetEveryDeclaredFieldToItsInitialValue() {
    Event event = Event.standalone();
    EventFields.fillDistinct(event, 7);
    Event fresh = Event.standalone();

    event.reset();

    EventFields.assertSamePayload(event, fresh);
  }

  @Test
  void shouldPoisonEveryFieldWhenPoisoned() throws IllegalAccessException {
    Event event = Event.standalone();
    EventFields.fillDistinct(event, 3);

    event.poisonPayload();

    for (Field field : EventFields.payloadFields()) {
      Object value = field.get(event);
      if (field.getType() == long.class) {
        assertThat(value).as(field.getName()).isEqualTo(PooledEnvelope.POISON);
      } else if (field.getType() == int.class) {
        assertThat(value).as(field.getName()).isEqualTo(PooledEnvelope.POISON_INT);
      } else if (field.getType() == long[].class) {
        assertThat((long[]) value).as(field.getName()).containsOnly(PooledEnvelope.POISON);
      } else if (field.getType() == int[].class) {
        assertThat(Arrays.stream((int[]) value).boxed())
            .as(field.getName())
            .containsOnly(PooledEnvelope.POISON_INT);
      } else {
        assertThat(value).as(field.getName()).isNull();
      }
    }
  }

  @Test
  void shouldStoreConsolidatedLegsUpToTheMaximum() {
    Event event = Event.standalone().setKind(EventKind.CONSOLIDATED_QUOTE);
    for (int leg = 0; leg < Event.MAX_LEGS; leg++) {
      event.addLeg(leg + 1, 100 + leg, 10 + leg, 200 + leg, 20 + leg);
    }

    assertThat(event.legCount()).isEqualTo(Event.MAX_LEGS);
    assertThat(event.legVenueId(3)).isEqualTo(4);
    assertThat(event.legBidPrice(3)).isEqualTo(103);
    assertThat(event.legBidSize(3)).isEqualTo(13);
    assertThat(event.legAskPrice(3)).isEqualTo(203);
    assertThat(event.legAskSize(3)).isEqualTo(23);
    assertThatThrownBy(() -> event.addLeg(99, 1, 1, 1, 1))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("at most " + Event.MAX_LEGS);
    assertThatThrownBy(() -> event.legBidPrice(Event.MAX_LEGS))
        .isInstanceOf(IndexOutOfBoundsException.class);
  }

  @Test
  void shouldRoundTripEveryAccessor() {
    Event event =
        Event.standalone()
            .setKind(EventKind.EXEC_REPORT)
            .setTraceId(1)
            .setRoutingVersion(2)
            .setVenueId(3)
            .setInstrumentId(4)
            .setVenueSequence(5)
            .setEventTimeNanos(6)
            .setIngestTimeNanos(7)
            .setTargetStrategyId(8)
            .setPrice(9)
            .setQuantity(10)
            .setSide(Side.SELL)
            .setOrderId(11)
            .setExecStatus(ExecStatus.FILLED)
            .setFilledQuantity(12)
            .setLeavesQuantity(13)
            .setTopOfBook(14, 15, 16, 17)
            .setCorrelationId(18)
            .setDispatch(19, 20);

    assertThat(
            new long[] {
              event.traceId(),
              event.routingVersion(),
              event.venueId(),
              event.instrumentId(),
              event.venueSequence(),
              event.eventTimeNanos(),
              event.ingestTimeNanos(),
              event.targetStrategyId(),
              event.price(),
              event.quantity(),
              event.orderId(),
              event.filledQuantity(),
              event.leavesQuantity(),
              event.bidPrice(),
              event.bidSize(),
              event.askPrice(),
              event.askSize(),
              event.correlationId()
            })
        .containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18);
    assertThat(event.kind()).isEqualTo(EventKind.EXEC_REPORT);
    assertThat(event.side()).isEqualTo(Side.SELL);
    assertThat(event.execStatus()).isEqualTo(ExecStatus.FILLED);
    assertThat(event.toString()).contains("EXEC_REPORT", "0000000000000001", "target=8");
  }
}
