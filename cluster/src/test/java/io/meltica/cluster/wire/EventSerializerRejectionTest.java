package io.meltica.cluster.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Bytes the serializer must refuse: it throws, counts a rejection and takes no envelope. */
class EventSerializerRejectionTest {
  private static WireTestNode node;

  @BeforeAll
  static void startSystem() {
    node = WireTestNode.start("EventSerializerRejectionTest");
  }

  @AfterAll
  static void stopSystem() {
    node.shutDown();
  }

  @AfterEach
  void shouldLeaveNoEnvelopeInUse() {
    assertThat(node.wirePool().inUse()).isZero();
  }

  @Test
  void shouldRefuseEveryTruncationWithoutTakingAnEnvelope() {
    byte[] valid = WireFixtures.validEncoding(8);
    long rejected = node.stats.rejected();
    long acquired = node.wirePool().acquiredCount();

    for (int length = 0; length < valid.length; length++) {
      byte[] truncated = Arrays.copyOf(valid, length);
      assertThatThrownBy(() -> node.serializer.fromBinary(truncated, "E1"))
          .isInstanceOf(MalformedEventException.class)
          .hasMessageStartingWith("truncated: " + length + " bytes");
      ByteBuffer slice = ByteBuffer.wrap(valid, 0, length);
      assertThatThrownBy(() -> node.serializer.fromBinary(slice, "E1"))
          .isInstanceOf(MalformedEventException.class);
      assertThat(node.wirePool().inUse()).isZero();
    }

    assertThat(node.stats.rejected()).isEqualTo(rejected + 2L * valid.length);
    assertThat(node.wirePool().acquiredCount()).as("nothing acquired").isEqualTo(acquired);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.meltica.cluster.wire.WireFixtures#malformed")
  void shouldRefuseMalformedBytesThroughPekko(String name, byte[] bytes, String message) {
    long rejected = node.stats.rejected();

    Throwable failure = node.serialization.deserialize(bytes, 900101, "E1").failed().get();

    assertThat(failure).isInstanceOf(MalformedEventException.class).hasMessage(message);
    assertThat(node.stats.rejected()).isEqualTo(rejected + 1);
  }

  @Test
  void shouldRefuseAnUnknownManifest() {
    byte[] valid = WireFixtures.validEncoding(0);
    long rejected = node.stats.rejected();

    assertThatThrownBy(() -> node.serializer.fromBinary(valid, "E2"))
        .isInstanceOf(MalformedEventException.class)
        .hasMessage("manifest 'E2' is unknown (expected 'E1' or 'B1')");
    assertThatThrownBy(() -> node.serializer.fromBinary(ByteBuffer.wrap(valid), "Event"))
        .isInstanceOf(MalformedEventException.class)
        .hasMessageContaining("'Event'");
    assertThat(node.stats.rejected()).isEqualTo(rejected + 2);
  }
}
