package io.meltica.app.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A line chart as an inline SVG string: axes with tick labels, one polyline per series, dashed
 * horizontal thresholds, dashed vertical markers, a legend when series share the chart, and a
 * message in place of the lines when there is nothing to draw. Every chart of the HTML report is
 * one of these; the SVG carries no namespace URL and no script, so it works offline when inlined in
 * HTML5.
 */
final class SvgChart {

  static final String BLUE = "#2563eb";
  static final String ORANGE = "#ea580c";
  static final String RED = "#dc2626";
  static final String PURPLE = "#7c3aed";
  private static final String GRID = "#e5e7eb";
  private static final String INK = "#6b7280";

  static final int WIDTH = 640;
  static final int HEIGHT = 300;
  private static final int LEFT = 64;
  private static final int RIGHT = 24;
  private static final int TOP = 64;
  private static final int BOTTOM = 52;
  private static final int PLOT_WIDTH = WIDTH - LEFT - RIGHT;
  private static final int PLOT_HEIGHT = HEIGHT - TOP - BOTTOM;

  /** Series this short also get a dot per point, so that each sample can be seen. */
  private static final int DOT_LIMIT = 24;

  /**
   * One line of the chart. NaN or infinite values are skipped and break the line, so a gap in the
   * data shows as a gap.
   */
  record Series(String name, String color, double[] xs, double[] ys) {}

  private record Threshold(double y, String label) {}

  private record Marker(double x, String label) {}

  private final String id;
  private final String title;
  private final Axis x;
  private final Axis y;
  private final List<Series> series = new ArrayList<>();
  private final List<Threshold> thresholds = new ArrayList<>();
  private final List<Marker> markers = new ArrayList<>();
  private String emptyMessage = "no data";

  SvgChart(String id, String title, Axis x, Axis y) {
    this.id = id;
    this.title = title;
    this.x = x;
    this.y = y;
  }

  SvgChart series(String name, String color, double[] xs, double[] ys) {
    series.add(new Series(name, color, xs, ys));
    return this;
  }

  /** A dashed horizontal line across the plot, labelled at its right end. */
  SvgChart threshold(double atY, String label) {
    thresholds.add(new Threshold(atY, label));
    return this;
  }

  /** A dashed vertical line through the plot, labelled above it. */
  SvgChart marker(double atX, String label) {
    markers.add(new Marker(atX, label));
    return this;
  }

  /** What the chart says instead of drawing lines when no series has a drawable point. */
  SvgChart whenEmpty(String message) {
    emptyMessage = message;
    return this;
  }

  String render() {
    StringBuilder svg = new StringBuilder(4096);
    svg.append(
        String.format(
            Locale.ROOT,
            "<svg id=\"%s\" class=\"chart\" viewBox=\"0 0 %d %d\" role=\"img\""
                + " aria-labelledby=\"%s-title\">\n",
            escape(id),
            WIDTH,
            HEIGHT,
            escape(id)));
    svg.append("<title id=\"").append(escape(id)).append("-title\">");
    svg.append(escape(title)).append("</title>\n");
    text(svg, "chart-title", LEFT, 22, "start", title);
    drawAxes(svg);
    for (Threshold threshold : thresholds) {
      double py = py(threshold.y());
      line(svg, LEFT, py, LEFT + PLOT_WIDTH, py, RED, "6 4");
      text(svg, "note", LEFT + PLOT_WIDTH - 4, py - 5, "end", threshold.label());
    }
    for (Marker marker : markers) {
      double px = px(marker.x());
      line(svg, px, TOP, px, TOP + PLOT_HEIGHT, PURPLE, "4 3");
      text(svg, "note", px, TOP - 6, "middle", marker.label());
    }
    boolean drewAny = false;
    for (Series s : series) {
      drewAny |= drawSeries(svg, s);
    }
    if (!drewAny) {
      text(
          svg, "message", LEFT + PLOT_WIDTH / 2.0, TOP + PLOT_HEIGHT / 2.0, "middle", emptyMessage);
    }
    if (series.size() > 1) {
      drawLegend(svg);
    }
    return svg.append("</svg>\n").toString();
  }

  private void drawAxes(StringBuilder svg) {
    for (Axis.Tick tick : y.ticks()) {
      double py = py(tick.at());
      line(svg, LEFT, py, LEFT + PLOT_WIDTH, py, GRID, null);
      text(svg, "tick", LEFT - 8, py + 4, "end", tick.label());
    }
    for (Axis.Tick tick : x.ticks()) {
      double px = px(tick.at());
      line(svg, px, TOP + PLOT_HEIGHT, px, TOP + PLOT_HEIGHT + 5, INK, null);
      text(svg, "tick", px, TOP + PLOT_HEIGHT + 19, "middle", tick.label());
    }
    line(svg, LEFT, TOP, LEFT, TOP + PLOT_HEIGHT, INK, null);
    line(svg, LEFT, TOP + PLOT_HEIGHT, LEFT + PLOT_WIDTH, TOP + PLOT_HEIGHT, INK, null);
    text(svg, "axis-title", LEFT + PLOT_WIDTH / 2.0, HEIGHT - 10, "middle", x.title());
    svg.append(
        String.format(
            Locale.ROOT,
            "<text class=\"axis-title\" text-anchor=\"middle\" transform=\"translate(16 %s)"
                + " rotate(-90)\">%s</text>\n",
            num(TOP + PLOT_HEIGHT / 2.0),
            escape(y.title())));
  }

  /** Draws one series as polylines split at missing values; true if anything was drawn. */
  private boolean drawSeries(StringBuilder svg, Series s) {
    List<List<double[]>> segments = new ArrayList<>();
    List<double[]> current = new ArrayList<>();
    int count = Math.min(s.xs().length, s.ys().length);
    for (int i = 0; i < count; i++) {
      if (Double.isFinite(s.xs()[i]) && Double.isFinite(s.ys()[i])) {
        current.add(new double[] {px(s.xs()[i]), py(s.ys()[i])});
      } else if (!current.isEmpty()) {
        segments.add(current);
        current = new ArrayList<>();
      }
    }
    if (!current.isEmpty()) {
      segments.add(current);
    }
    boolean dots = count <= DOT_LIMIT;
    for (List<double[]> segment : segments) {
      if (segment.size() > 1) {
        svg.append("<polyline class=\"series\" fill=\"none\" stroke=\"").append(s.color());
        svg.append("\" stroke-width=\"2\" stroke-linejoin=\"round\" points=\"");
        for (double[] p : segment) {
          svg.append(num(p[0])).append(',').append(num(p[1])).append(' ');
        }
        svg.setLength(svg.length() - 1);
        svg.append("\"/>\n");
      }
      if (dots || segment.size() == 1) {
        for (double[] p : segment) {
          svg.append(
              String.format(
                  Locale.ROOT,
                  "<circle cx=\"%s\" cy=\"%s\" r=\"3\" fill=\"%s\"/>\n",
                  num(p[0]),
                  num(p[1]),
                  s.color()));
        }
      }
    }
    return !segments.isEmpty();
  }

  private void drawLegend(StringBuilder svg) {
    // Below the title, left to right; 7 px per character is close enough for the 12 px
    // sans-serif the stylesheet sets.
    double at = LEFT;
    for (Series s : series) {
      line(svg, at, 38, at + 20, 38, s.color(), null);
      text(svg, "legend", at + 26, 42, "start", s.name());
      at += 26 + 7 * s.name().length() + 20;
    }
  }

  /** Data to pixels, clamped to the plot so that nothing escapes the viewBox. */
  private double px(double value) {
    return LEFT + clamp(x.scale(value, PLOT_WIDTH), PLOT_WIDTH);
  }

  private double py(double value) {
    return TOP + PLOT_HEIGHT - clamp(y.scale(value, PLOT_HEIGHT), PLOT_HEIGHT);
  }

  private static double clamp(double offset, double length) {
    return Math.max(0, Math.min(length, offset));
  }

  private static void line(
      StringBuilder svg, double x1, double y1, double x2, double y2, String color, String dash) {
    svg.append(
        String.format(
            Locale.ROOT,
            "<line x1=\"%s\" y1=\"%s\" x2=\"%s\" y2=\"%s\" stroke=\"%s\"",
            num(x1),
            num(y1),
            num(x2),
            num(y2),
            color));
    if (dash != null) {
      svg.append(" stroke-dasharray=\"").append(dash).append('"');
    }
    svg.append("/>\n");
  }

  private static void text(
      StringBuilder svg, String cssClass, double x, double y, String anchor, String content) {
    svg.append(
        String.format(
            Locale.ROOT,
            "<text class=\"%s\" x=\"%s\" y=\"%s\" text-anchor=\"%s\">%s</text>\n",
            cssClass,
            num(x),
            num(y),
            anchor,
            escape(content)));
  }

  private static String num(double value) {
    return String.format(Locale.ROOT, "%.1f", value);
  }

  /** Escapes text for HTML and SVG alike, attribute values included. */
  static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
