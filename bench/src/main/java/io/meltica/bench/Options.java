package io.meltica.bench;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/** The {@code --name value} options of the harness and report mains. Immutable once parsed. */
public final class Options {
  private final Map<String, String> values;

  private Options(Map<String, String> values) {
    this.values = Map.copyOf(values);
  }

  /**
   * Parses {@code --name value} pairs.
   *
   * @throws IllegalArgumentException on a stray argument or a name without a value
   */
  public static Options parse(String... args) {
    Map<String, String> values = new HashMap<>();
    for (int i = 0; i < args.length; i += 2) {
      if (!args[i].startsWith("--") || i + 1 >= args.length) {
        throw new IllegalArgumentException(
            "expected --name value pairs, got '" + args[i] + "' at position " + i);
      }
      values.put(args[i].substring(2), args[i + 1]);
    }
    return new Options(values);
  }

  /**
   * @throws IllegalArgumentException naming the missing option
   */
  public String required(String name) {
    String value = values.get(name);
    if (value == null) {
      throw new IllegalArgumentException("missing option --" + name);
    }
    return value;
  }

  public String optional(String name, String fallback) {
    return values.getOrDefault(name, fallback);
  }

  /**
   * The plan of a {@code --mode}: {@code quick} or {@code full}.
   *
   * @throws IllegalArgumentException naming the known modes
   */
  public static <T> T byMode(String mode, Supplier<T> quick, Supplier<T> full) {
    return switch (mode) {
      case "quick" -> quick.get();
      case "full" -> full.get();
      default ->
          throw new IllegalArgumentException("unknown mode '" + mode + "', expected quick or full");
    };
  }
}
