package io.meltica.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PooledEnvelopeTest {

  private static Event acquired(boolean debug) {
    Event event = Event.forPool(debug, true, null, -1);
    event.markAcquired("test");
    return event;
  }

  @ParameterizedTest(name = "debug={0}")
  @ValueSource(booleans = {true, false})
  void shouldThrowOnDoubleReleaseNamingGenerationAndOwner(boolean debug) {
    Event event = acquired(debug);
    event.touch("consumer-7");
    event.markReleased(1, "STRATEGY_HANDLED");

    assertThatThrownBy(() -> event.markReleased(1, "DEAD_LETTER"))
        .isInstanceOfSatisfying(
            ReleaseRefusedException.class, refused -> assertThat(refused.isStale()).isFalse())
        .hasMessageContaining("released twice")
        .hasMessageContaining("generation 1")
        .hasMessageContaining("consumer-7")
        .hasMessageContaining("STRATEGY_HANDLED")
        .hasMessageContaining("DEAD_LETTER");
  }

  @ParameterizedTest(name = "debug={0}")
  @ValueSource(booleans = {true, false})
  void shouldFreeASharedEnvelopeOnlyOnItsLastHoldersRelease(boolean debug) {
    Event event = acquired(debug).setPrice(7);

    event.share(1, 3);

    assertThat(event.isShared()).isTrue();
    assertThat(event.markReleased(1, "first")).as("two still hold it").isFalse();
    assertThat(event.price()).as("still readable").isEqualTo(7);
    assertThat(event.markReleased(1, "second")).isFalse();
    assertThat(event.isLiveAt(1)).isTrue();
    assertThat(event.markReleased(1, "last")).as("freed").isTrue();
    assertThat(event.isLive()).isFalse();
    assertThat(event.generation()).isEqualTo(1);
    assertThatThrownBy(() -> event.markReleased(1, "one too many"))
        .isInstanceOf(ReleaseRefusedException.class)
        .hasMessageContaining("released twice");
  }

  @Test
  void shouldRefuseALateShareReleaseAfterTheEnvelopeWentToItsNextOwner() {
    Event event = acquired(false);
    event.share(1, 2);
    event.markReleased(1, "first");
    event.markReleased(1, "second");
    long next = event.markAcquired("next-owner");

    assertThatThrownBy(() -> event.markReleased(1, "a third, late"))
        .isInstanceOfSatisfying(
            ReleaseRefusedException.class, refused -> assertThat(refused.isStale()).isTrue());
    assertThat(event.isLiveAt(next)).as("the next owner's is untouched").isTrue();
    assertThat(event.isShared()).isFalse();
  }

  @Test
  void shouldRefuseASetterOnASharedEnvelopeInDebugMode() {
    Event event = acquired(true);
    event.share(1, 2);

    assertThatThrownBy(() -> event.setPrice(1))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("write to a shared envelope");
    assertThatCode(event::price).doesNotThrowAnyException();
  }

  @Test
  void shouldLetOnlyTheExclusiveHolderShareWithinTheLimit() {
    Event event = acquired(false);

    assertThatThrownBy(() -> event.share(2, 2)).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> event.share(1, PooledEnvelope.MAX_HOLDERS + 1))
        .isInstanceOf(IllegalArgumentException.class);
    event.share(1, PooledEnvelope.MAX_HOLDERS);
    assertThatThrownBy(() -> event.share(1, 2))
        .as("already shared")
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void shouldBumpGenerationOnEveryAcquire() {
    Event event = Event.forPool(false, false, null, -1);
    for (int round = 1; round <= 3; round++) {
      assertThat(event.markAcquired("test")).isEqualTo(round);
      assertThat(event.generation()).isEqualTo(round);
      event.markReleased(round, "test");
    }
  }

  @ParameterizedTest(name = "debug={0}")
  @ValueSource(booleans = {true, false})
  void shouldRefuseALateReleaseAfterTheEnvelopeWentToItsNextOwner(boolean debug) {
    Event event = acquired(debug);
    event.markReleased(1, "STRATEGY_HANDLED");
    long nextOwners = event.markAcquired("next-owner");
    event.setPrice(42);

    assertThatThrownBy(() -> event.markReleased(1, "DEAD_LETTER"))
        .isInstanceOfSatisfying(
            ReleaseRefusedException.class, refused -> assertThat(refused.isStale()).isTrue())
        .hasMessageContaining("held generation 1")
        .hasMessageContaining("generation 2")
        .hasMessageContaining("next-owner")
        .hasMessageContaining("DEAD_LETTER");
    assertThat(event.isLiveAt(nextOwners)).as("the next owner still holds it").isTrue();
    assertThat(event.price()).as("and its payload is untouched").isEqualTo(42);
    event.markReleased(nextOwners, "STRATEGY_HANDLED");
  }

  @Test
  void shouldRefuseAReleaseWithAGenerationItNeverHad() {
    Event event = acquired(false);

    assertThatThrownBy(() -> event.markReleased(7, "test"))
        .isInstanceOfSatisfying(
            ReleaseRefusedException.class, refused -> assertThat(refused.isStale()).isTrue());
    assertThat(event.isLiveAt(1)).isTrue();
  }

  @Test
  void shouldReportLiveOnlyAtTheCurrentGeneration() {
    Event event = acquired(false);
    assertThat(event.isLiveAt(1)).isTrue();
    assertThat(event.isLiveAt(0)).isFalse();
    event.markReleased(1, "test");
    assertThat(event.isLiveAt(1)).isFalse();
    assertThat(event.isLive()).isFalse();
  }

  @Test
  void shouldRefuseToHandOutALiveEnvelope() {
    Event event = acquired(false);

    assertThatThrownBy(() -> event.markAcquired("second"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("still in use");
  }

  @Test
  void shouldStartStandaloneEnvelopesLiveAndForPoolEnvelopesFree() {
    assertThat(Event.standalone().isLive()).isTrue();
    assertThat(Event.forPool(true, false, null, -1).isLive()).isFalse();
  }

  @Test
  void shouldRecordAcquisitionStackOnlyInDebugModeWithStacksOn() {
    assertThat(acquired(true).acquiredAt()).hasMessageContaining("acquired by 'test'");
    assertThat(acquired(false).acquiredAt()).isNull();
    Event noStacks = Event.forPool(true, false, null, -1);
    noStacks.markAcquired("ingest");
    assertThat(noStacks.acquiredAt()).isNull();
    assertThat(noStacks.acquiredBy()).isEqualTo("ingest");
  }

  @Test
  void shouldRejectEveryAccessorOfAReleasedEnvelopeInDebugMode() throws IllegalAccessException {
    Event event = acquired(true);
    event.markReleased(1, "test");

    List<String> unchecked = new ArrayList<>();
    for (Method accessor : payloadAccessors()) {
      try {
        accessor.invoke(event, arguments(accessor));
        unchecked.add(accessor.getName());
      } catch (InvocationTargetException e) {
        assertThat(e.getCause())
            .as(accessor.getName())
            .isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("use after release");
      }
    }
    assertThat(unchecked).as("accessors that did not detect the use after release").isEmpty();
  }

  @Test
  void shouldClearPayloadOnReleaseOutsideDebugMode() {
    Event event = acquired(false).setPrice(5).setKind(EventKind.TRADE);
    event.markReleased(1, "test");

    assertThatCode(event::price).doesNotThrowAnyException();
    assertThat(event.price()).isZero();
    assertThat(event.kind()).isNull();
    assertThat(event.toString()).contains("released");
  }

  /**
   * Every public method Event and its header declare, except the ones that need no live payload
   * (and the bridges javac adds to Event for the header's, which would count them twice).
   */
  private static List<Method> payloadAccessors() {
    List<Method> methods = new ArrayList<>();
    for (Class<?> type = Event.class; type != PooledEnvelope.class; type = type.getSuperclass()) {
      for (Method method : type.getDeclaredMethods()) {
        boolean isPublicInstance =
            Modifier.isPublic(method.getModifiers()) && !Modifier.isStatic(method.getModifiers());
        if (isPublicInstance && !method.isBridge() && !method.getName().equals("toString")) {
          method.setAccessible(true); // the header is package-private
          methods.add(method);
        }
      }
    }
    assertThat(methods).hasSizeGreaterThan(30);
    return methods;
  }

  private static Object[] arguments(Method method) {
    Class<?>[] types = method.getParameterTypes();
    Object[] args = new Object[types.length];
    for (int i = 0; i < types.length; i++) {
      if (types[i] == long.class) {
        args[i] = 0L;
      } else if (types[i] == int.class) {
        args[i] = 0;
      } else if (types[i] == Event.class) {
        args[i] = Event.standalone();
      }
    }
    return args;
  }
}
