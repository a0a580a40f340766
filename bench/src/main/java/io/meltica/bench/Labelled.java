package io.meltica.bench;

import java.util.Arrays;

/** A variant of a benchmark known by the label its JMH parameter and its results use. */
public interface Labelled {
  String label();

  /**
   * The one of {@code values} labelled {@code label}.
   *
   * @param what names the kind of variant in the error message
   * @throws IllegalArgumentException naming the known labels
   */
  static <T extends Labelled> T find(T[] values, String label, String what) {
    for (T value : values) {
      if (value.label().equals(label)) {
        return value;
      }
    }
    throw new IllegalArgumentException(
        "unknown "
            + what
            + " '"
            + label
            + "', expected one of "
            + Arrays.stream(values).map(Labelled::label).toList());
  }
}
