package io.meltica.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Reads and writes every payload field of {@link Event} by reflection, so that tests cover a field
 * added later without being edited. A field of a type this class does not know fails the test that
 * meets it.
 */
final class EventFields {
  private EventFields() {}

  /** Every instance field declared by Event (the payload; lifecycle lives in the superclass). */
  static List<Field> payloadFields() {
    List<Field> fields = new ArrayList<>();
    for (Field field : Event.class.getDeclaredFields()) {
      if (!Modifier.isStatic(field.getModifiers())) {
        field.setAccessible(true);
        fields.add(field);
      }
    }
    return fields;
  }

  /** Sets every payload field to a value that differs from the initial one, derived from seed. */
  static void fillDistinct(Event event, long seed) {
    long value = seed;
    try {
      for (Field field : payloadFields()) {
        value = value * 31 + 7;
        Class<?> type = field.getType();
        if (type == long.class) {
          field.setLong(event, value);
        } else if (field.getName().equals("legCount")) {
          // every leg in use, so that copying and clearing must reach all of them
          field.setInt(event, Event.MAX_LEGS);
        } else if (type == int.class) {
          field.setInt(event, (int) value | 1);
        } else if (type.isEnum()) {
          Object[] constants = type.getEnumConstants();
          field.set(event, constants[constants.length - 1 - (int) (Math.abs(value) % 2)]);
        } else if (type == long[].class) {
          long[] array = (long[]) field.get(event);
          for (int i = 0; i < array.length; i++) {
            array[i] = value + i + 1;
          }
        } else if (type == int[].class) {
          int[] array = (int[]) field.get(event);
          for (int i = 0; i < array.length; i++) {
            array[i] = (int) value + i + 1;
          }
        } else {
          fail(
              "Event field '%s' has type %s, which EventFields cannot fill: teach it", field, type);
        }
      }
    } catch (IllegalAccessException e) {
      throw new AssertionError(e);
    }
  }

  /** Asserts every payload field of {@code actual} equals that of {@code expected}. */
  static void assertSamePayload(Event actual, Event expected) {
    for (Field field : payloadFields()) {
      Object a = read(field, actual);
      Object e = read(field, expected);
      if (field.getType().isArray()) {
        assertThat(a).as("array field %s is a separate instance", field.getName()).isNotSameAs(e);
        assertThat(Arrays.deepEquals(new Object[] {a}, new Object[] {e}))
            .as("array field %s: %s vs %s", field.getName(), a, e)
            .isTrue();
      } else {
        assertThat(Objects.equals(a, e)).as("field %s: %s vs %s", field.getName(), a, e).isTrue();
      }
    }
  }

  static Object read(Field field, Event event) {
    try {
      return field.get(event);
    } catch (IllegalAccessException e) {
      throw new AssertionError(e);
    }
  }
}
