package io.meltica.actors;

import static org.assertj.core.api.Assertions.assertThat;

import io.meltica.protocol.EventKind;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class GateTest {
  @ParameterizedTest
  @EnumSource(
      value = EventKind.class,
      names = {"EXEC_REPORT", "CONTROL_ACK", "CONTROL_RESULT"})
  void shouldAlwaysPassCriticalEvents(EventKind kind) {
    assertThat(Gate.shouldProcess(kind, 1, 5)).isTrue();
    assertThat(Gate.shouldProcess(kind, 0, Long.MAX_VALUE)).isTrue();
    assertThat(Gate.shouldProcess(kind, 5, 5)).isTrue();
    assertThat(Gate.shouldProcess(kind, 6, 5)).isTrue();
  }

  @ParameterizedTest
  @EnumSource(
      value = EventKind.class,
      names = {"TRADE", "QUOTE", "BOOK_DELTA", "BOOK_SNAPSHOT", "CONSOLIDATED_QUOTE"})
  void shouldPassMarketDataOnlyFromTheMinimumVersionOn(EventKind kind) {
    assertThat(Gate.shouldProcess(kind, 4, 5)).as("older").isFalse();
    assertThat(Gate.shouldProcess(kind, 0, 1)).as("never stamped").isFalse();
    assertThat(Gate.shouldProcess(kind, 5, 5)).as("equal").isTrue();
    assertThat(Gate.shouldProcess(kind, 6, 5)).as("newer").isTrue();
    assertThat(Gate.shouldProcess(kind, 0, 0)).as("no minimum yet").isTrue();
  }

  @Test
  void shouldCoverEveryKind() {
    long critical = Arrays.stream(EventKind.values()).filter(EventKind::isCritical).count();
    assertThat(critical).as("the critical kinds listed above").isEqualTo(3);
    assertThat(EventKind.values()).as("the kinds listed above").hasSize(8);
  }
}
