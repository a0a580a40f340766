package io.meltica.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class IngestStatsTest {
  @Test
  void shouldListEveryReasonInDeclarationOrderWithZeros() {
    IngestStats stats = new IngestStats();
    stats.recordRejected(RejectReason.UNKNOWN_VENUE);
    stats.recordRejected(RejectReason.UNKNOWN_VENUE);
    stats.recordRejected(RejectReason.BAD_JSON);
    stats.recordAccepted();

    assertThat(stats.rejectedByLabel().keySet())
        .containsExactly(
            Arrays.stream(RejectReason.values()).map(RejectReason::label).toArray(String[]::new));
    assertThat(stats.rejectedByLabel())
        .containsEntry("unknown_venue", 2L)
        .containsEntry("bad_json", 1L)
        .containsEntry("line_too_long", 0L);
    assertThat(stats.rejected(RejectReason.UNKNOWN_VENUE)).isEqualTo(2);
    assertThat(stats.rejectedTotal()).isEqualTo(3);
    assertThat(stats.accepted()).isEqualTo(1);
  }

  @Test
  void shouldHaveStableSnakeCaseLabels() {
    assertThat(RejectReason.values())
        .allSatisfy(
            reason ->
                assertThat(reason.label())
                    .matches("[a-z]+(_[a-z]+)*")
                    .isEqualTo(reason.name().toLowerCase(java.util.Locale.ROOT)));
  }
}
