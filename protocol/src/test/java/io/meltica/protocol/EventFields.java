package io.meltica.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Fills and compares every payload field of {@link Event} by reflection, so that a field added to
 * Event later is covered by the tests (copying, clearing, the wire format) without editing them. A
 * field of a type this class does not know fails the test that meets it. Shared with other modules'
 * tests through this module's test-jar.
 */
public final class EventFields {
  /** Not on the wire: System.nanoTime readings and a router sample, meaningless in another JVM. */
  public static final Set<String> NODE_LOCAL =
      Set.of("ingestTimeNanos", "dispatchTimeNanos", "fanOutSequence");

  private static final String KIND = "kind";
  private static final String LEG_COUNT = "legCount";

  private EventFields() {}

  /**
   * Every instance field of Event and of its header (the payload; the lifecycle lives in {@link
   * PooledEnvelope}).
   */
  public static List<Field> payloadFields() {
    List<Field> fields = new ArrayList<>();
    for (Class<?> type = Event.class; type != PooledEnvelope.class; type = type.getSuperclass()) {
      for (Field field : type.getDeclaredFields()) {
        if (!Modifier.isStatic(field.getModifiers())) {
          field.setAccessible(true);
          fields.add(field);
        }
      }
    }
    return fields;
  }

  /**
   * Sets every payload field of {@code event} to a value derived from {@code seed} that differs
   * from its initial value and from the other fields (so a swapped pair of fields shows), with
   * {@code kind} and {@code legs} legs. Leg slots past the count keep their initial value, as
   * {@link Event#addLeg} leaves them.
   */
  public static Event fill(Event event, EventKind kind, int legs, long seed) {
    List<Field> fields = payloadFields();
    for (int i = 0; i < fields.size(); i++) {
      Field field = fields.get(i);
      long value = mix(seed + i);
      Class<?> type = field.getType();
      if (field.getName().equals(KIND)) {
        set(field, event, kind);
      } else if (field.getName().equals(LEG_COUNT)) {
        set(field, event, legs);
      } else if (type == long.class) {
        set(field, event, value == 0 ? 1L : value);
      } else if (type == int.class) {
        set(field, event, (int) (value >>> 32) | 1);
      } else if (type.isEnum()) {
        Object[] constants = type.getEnumConstants();
        set(field, event, constants[1 + Math.floorMod(value, constants.length - 1)]);
      } else if (type == long[].class) {
        long[] array = (long[]) read(field, event);
        int used = legs * (array.length / Event.MAX_LEGS);
        for (int j = 0; j < array.length; j++) {
          array[j] = j < used ? mix(value + j) | 1 : 0;
        }
      } else if (type == int[].class) {
        int[] array = (int[]) read(field, event);
        for (int j = 0; j < array.length; j++) {
          array[j] = j < legs ? (int) mix(value + j) | 1 : 0;
        }
      } else {
        fail("Event field '%s' has type %s, which EventFields cannot fill: teach it", field, type);
      }
    }
    return event;
  }

  /** Every leg in use, so that copying and clearing must reach all of them. */
  public static Event fillDistinct(Event event, long seed) {
    return fill(event, EventKind.CONSOLIDATED_QUOTE, Event.MAX_LEGS, seed);
  }

  /** Asserts every payload field of {@code actual} equals that of {@code expected}. */
  public static void assertSamePayload(Event actual, Event expected) {
    assertSame(actual, expected, Set.of());
  }

  /** Asserts every field that travels on the wire (all but {@link #NODE_LOCAL}) is equal. */
  public static void assertSameWirePayload(Event actual, Event expected) {
    assertSame(actual, expected, NODE_LOCAL);
  }

  private static void assertSame(Event actual, Event expected, Set<String> skipped) {
    for (Field field : payloadFields()) {
      if (skipped.contains(field.getName())) {
        continue;
      }
      Object a = read(field, actual);
      Object e = read(field, expected);
      if (field.getType().isArray()) {
        assertThat(a).as("array field %s is a separate instance", field.getName()).isNotSameAs(e);
      }
      boolean same =
          field.getType().isArray()
              ? Arrays.deepEquals(new Object[] {a}, new Object[] {e})
              : Objects.equals(a, e);
      assertThat(same).as("field %s: %s vs %s", field.getName(), str(a), str(e)).isTrue();
    }
  }

  /** SplitMix64's finalizer: well-spread, distinct bytes, so byte-order slips show. */
  private static long mix(long seed) {
    long z = seed + 0x9E3779B97F4A7C15L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  private static String str(Object value) {
    return Arrays.deepToString(new Object[] {value});
  }

  /** The value of {@code field} in {@code event}. */
  public static Object read(Field field, Event event) {
    try {
      return field.get(event);
    } catch (IllegalAccessException e) {
      throw new AssertionError(e);
    }
  }

  private static void set(Field field, Event event, Object value) {
    try {
      field.set(event, value);
    } catch (IllegalAccessException e) {
      throw new AssertionError(e);
    }
  }
}
