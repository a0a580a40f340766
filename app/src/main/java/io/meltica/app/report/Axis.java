package io.meltica.app.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One axis of an {@link SvgChart}: its title (with unit), the value range it spans and the labelled
 * ticks along it. Values are in the chart's plotting space, so a non-linear scale (the percentile
 * "nines") is a matter of transforming the data and choosing the ticks.
 *
 * @param title the axis title, unit included
 * @param min value at the start of the axis
 * @param max value at the end of the axis, greater than {@code min}
 * @param ticks labelled positions between {@code min} and {@code max}
 */
record Axis(String title, double min, double max, List<Tick> ticks) {

  /** About this many ticks on a linear axis: enough to read a value, few enough to stay tidy. */
  private static final int TARGET_TICKS = 5;

  /** A labelled position on the axis. */
  record Tick(double at, String label) {}

  Axis {
    if (!(max > min)) {
      throw new IllegalArgumentException("empty axis range " + min + ".." + max);
    }
    ticks = List.copyOf(ticks);
  }

  /**
   * A linear axis covering {@code lo..hi}, widened to round tick steps (1, 2 or 5 times a power of
   * ten, four to nine ticks). A degenerate or non-finite range becomes a unit range, so a single
   * point or a run of zeros still gets an axis.
   */
  static Axis linear(String title, double lo, double hi) {
    if (!Double.isFinite(lo) || !Double.isFinite(hi)) {
      lo = 0;
      hi = 1;
    }
    if (hi <= lo) {
      hi = lo + 1;
    }
    double step = niceStep((hi - lo) / TARGET_TICKS);
    double min = Math.floor(lo / step) * step;
    double max = Math.ceil(hi / step) * step;
    double largest = Math.max(Math.abs(min), Math.abs(max));
    List<Tick> ticks = new ArrayList<>();
    // The small tolerance keeps the last tick despite accumulated floating-point error.
    for (int i = 0; min + i * step <= max + step * 1e-9; i++) {
      double at = min + i * step;
      ticks.add(new Tick(at, label(at, step, largest)));
    }
    return new Axis(title, min, max, ticks);
  }

  /**
   * A log axis for counts that span orders of magnitude (23,800 delivered beside 320 filtered),
   * drawn on {@link #logCount} so that zero stays on the chart. Ticks at 0, 10, 100, 1k and so on
   * up to the first power of ten at or above {@code max}; the data must go through {@link
   * #logCount} too.
   */
  static Axis counts(String title, double max) {
    int decades = (int) Math.max(1, Math.ceil(Math.log10(Math.max(max, 1))));
    // At most six labelled decades, so that the labels never run into each other.
    int stride = (decades + 5) / 6;
    int top = (decades + stride - 1) / stride * stride;
    List<Tick> ticks = new ArrayList<>();
    ticks.add(new Tick(0, "0"));
    // No tick at 1: it would sit on top of the 0.
    for (int exponent = stride; exponent <= top; exponent += stride) {
      ticks.add(new Tick(logCount(Math.pow(10, exponent)), powerOfTen(exponent)));
    }
    return new Axis(title, 0, logCount(Math.pow(10, top)), ticks);
  }

  static double logCount(double count) {
    return Math.log10(1 + count);
  }

  /** Maps a value of this axis onto {@code 0..length} (pixels); the caller flips y. */
  double scale(double value, double length) {
    return (value - min) / (max - min) * length;
  }

  static double niceStep(double rough) {
    double magnitude = Math.pow(10, Math.floor(Math.log10(rough)));
    double fraction = rough / magnitude;
    // The nearest round step rather than the next larger one: a 0-11,800 axis then gets ticks
    // every 2,000 rather than every 5,000.
    double nice = fraction < 1.5 ? 1 : fraction < 3 ? 2 : fraction < 7 ? 5 : 10;
    return nice * magnitude;
  }

  /** "12", "0.5", "25k", "1.5M": as many decimals as the step needs, thousands abbreviated. */
  static String label(double value, double step, double largest) {
    double divisor = 1;
    String suffix = "";
    if (largest >= 1e6) {
      divisor = 1e6;
      suffix = "M";
    } else if (largest >= 1e4) {
      divisor = 1e3;
      suffix = "k";
    }
    // Zero reads best bare, without "0.0", "0k" or a "-0" from floating-point residue.
    if (Math.abs(value) < step * 1e-9) {
      return "0";
    }
    int decimals = (int) Math.max(0, -Math.floor(Math.log10(step / divisor) + 1e-9));
    return String.format(Locale.ROOT, "%." + decimals + "f", value / divisor) + suffix;
  }

  private static String powerOfTen(int exponent) {
    String[] suffixes = {"", "k", "M", "G", "T", "P", "E"};
    int group = Math.min(exponent / 3, suffixes.length - 1);
    return "1" + "0".repeat(exponent - 3 * group) + suffixes[group];
  }
}
