package dev.smelt.activities.report;

import java.util.List;
import java.util.Locale;

/** Hand-made inline SVG charts, so the report is one self-contained file with no scripts. */
final class SvgChart {
  /** One line of a line chart; a point {x, y, low, high} also draws an error bar from low to high. */
  record Series(String name, String color, List<double[]> points) {}

  /** One bar of a bar chart. */
  record Bar(String label, double value, String color) {}

  private static final int W = 720;
  private static final int H = 300;
  private static final int LEFT = 64;
  private static final int RIGHT = 150;
  private static final int TOP = 16;
  private static final int BOTTOM = 40;

  private SvgChart() {}

  static String line(String title, String xLabel, String yLabel, List<Series> series) {
    return line(title, xLabel, yLabel, series, false);
  }

  /** As above; {@code logX} draws x on a log10 scale (labels stay in the original units). */
  static String line(String title, String xLabel, String yLabel, List<Series> series,
      boolean logX) {
    if (logX) {
      series = series.stream().map(s -> new Series(s.name(), s.color(), s.points().stream()
          .filter(p -> p[0] > 0).map(p -> logOfX(p)).toList())).toList();
    }
    double minX = Double.MAX_VALUE, maxX = -Double.MAX_VALUE;
    double minY = Double.MAX_VALUE, maxY = -Double.MAX_VALUE;
    for (Series s : series) {
      for (double[] p : s.points()) {
        minX = Math.min(minX, p[0]);
        maxX = Math.max(maxX, p[0]);
        minY = Math.min(minY, p.length == 4 ? Math.min(p[1], p[2]) : p[1]);
        maxY = Math.max(maxY, p.length == 4 ? Math.max(p[1], p[3]) : p[1]);
      }
    }
    if (minX > maxX) {
      return "<p class=\"empty\">" + esc(title) + ": no data</p>";
    }
    if (maxX == minX) {
      maxX = minX + 1;
    }
    double pad = (maxY - minY) * 0.05 + 1e-9;
    minY -= pad;
    maxY += pad;
    StringBuilder sb = open(title);
    axes(sb, minX, maxX, minY, maxY, xLabel, yLabel, logX);
    int legendY = TOP + 14;
    for (Series s : series) {
      if (s.points().isEmpty()) {
        continue;
      }
      StringBuilder path = new StringBuilder();
      for (double[] p : s.points()) {
        path.append(path.length() == 0 ? "M" : "L")
            .append(fmt(x(p[0], minX, maxX))).append(',').append(fmt(y(p[1], minY, maxY)));
      }
      sb.append("<path class=\"series\" data-series=\"").append(esc(s.name()))
          .append("\" d=\"").append(path).append("\" fill=\"none\" stroke=\"").append(s.color())
          .append("\" stroke-width=\"2\"/>");
      if (s.points().size() <= 40) {
        for (double[] p : s.points()) {
          errorBar(sb, p, s.color(), minX, maxX, minY, maxY);
          sb.append("<circle cx=\"").append(fmt(x(p[0], minX, maxX))).append("\" cy=\"")
              .append(fmt(y(p[1], minY, maxY))).append("\" r=\"3\" fill=\"").append(s.color())
              .append("\"/>");
        }
      }
      sb.append("<rect x=\"").append(W - RIGHT + 12).append("\" y=\"").append(legendY - 9)
          .append("\" width=\"12\" height=\"12\" fill=\"").append(s.color()).append("\"/>")
          .append("<text x=\"").append(W - RIGHT + 30).append("\" y=\"").append(legendY + 1)
          .append("\">").append(esc(s.name())).append("</text>");
      legendY += 20;
    }
    return sb.append("</svg>").toString();
  }

  private static double[] logOfX(double[] p) {
    double[] out = p.clone();
    out[0] = Math.log10(p[0]);
    return out;
  }

  private static void errorBar(StringBuilder sb, double[] p, String color, double minX,
      double maxX, double minY, double maxY) {
    if (p.length != 4) {
      return;
    }
    String cx = fmt(x(p[0], minX, maxX));
    String lo = fmt(y(p[2], minY, maxY));
    String hi = fmt(y(p[3], minY, maxY));
    double px = x(p[0], minX, maxX);
    sb.append("<path class=\"error-bar\" d=\"M").append(cx).append(',').append(lo).append('V')
        .append(hi).append("M").append(fmt(px - 4)).append(',').append(lo).append("h8M")
        .append(fmt(px - 4)).append(',').append(hi).append("h8\" stroke=\"").append(color)
        .append("\" stroke-width=\"1.2\" fill=\"none\" opacity=\"0.7\"/>");
  }

  static String hbars(String title, List<Bar> bars) {
    int rowH = 26;
    int h = TOP + bars.size() * rowH + 10;
    double max = bars.stream().mapToDouble(Bar::value).max().orElse(1);
    int labelW = 220;
    int barW = W - labelW - 110;
    StringBuilder sb = new StringBuilder();
    sb.append("<svg class=\"chart\" role=\"img\" aria-label=\"").append(esc(title))
        .append("\" viewBox=\"0 0 ").append(W).append(' ').append(h)
        .append("\" xmlns=\"http://www.w3.org/2000/svg\">");
    int y = TOP;
    for (Bar b : bars) {
      double w = max <= 0 ? 0 : b.value() / max * barW;
      sb.append("<text x=\"").append(labelW - 8).append("\" y=\"").append(y + 17)
          .append("\" text-anchor=\"end\">").append(esc(b.label())).append("</text>")
          .append("<rect class=\"bar\" x=\"").append(labelW).append("\" y=\"").append(y + 4)
          .append("\" width=\"").append(fmt(Math.max(w, 1))).append("\" height=\"").append(rowH - 8)
          .append("\" fill=\"").append(b.color()).append("\"/>")
          .append("<text x=\"").append(fmt(labelW + Math.max(w, 1) + 6)).append("\" y=\"")
          .append(y + 17).append("\">").append(String.format(Locale.ROOT, "%,.0f", b.value()))
          .append("</text>");
      y += rowH;
    }
    return sb.append("</svg>").toString();
  }

  private static StringBuilder open(String title) {
    return new StringBuilder()
        .append("<svg class=\"chart\" role=\"img\" aria-label=\"").append(esc(title))
        .append("\" viewBox=\"0 0 ").append(W).append(' ').append(H)
        .append("\" xmlns=\"http://www.w3.org/2000/svg\">");
  }

  private static void axes(StringBuilder sb, double minX, double maxX, double minY, double maxY,
      String xLabel, String yLabel, boolean logX) {
    int x0 = LEFT, x1 = W - RIGHT, y0 = H - BOTTOM, y1 = TOP;
    sb.append("<line x1=\"").append(x0).append("\" y1=\"").append(y0).append("\" x2=\"").append(x1)
        .append("\" y2=\"").append(y0).append("\" stroke=\"#444\"/>")
        .append("<line x1=\"").append(x0).append("\" y1=\"").append(y0).append("\" x2=\"").append(x0)
        .append("\" y2=\"").append(y1).append("\" stroke=\"#444\"/>");
    for (int i = 0; i <= 4; i++) {
      double vy = minY + (maxY - minY) * i / 4;
      double py = y(vy, minY, maxY);
      sb.append("<line x1=\"").append(x0).append("\" y1=\"").append(fmt(py)).append("\" x2=\"")
          .append(x1).append("\" y2=\"").append(fmt(py)).append("\" stroke=\"#ddd\"/>")
          .append("<text x=\"").append(x0 - 6).append("\" y=\"").append(fmt(py + 4))
          .append("\" text-anchor=\"end\">").append(tick(vy)).append("</text>");
      double vx = minX + (maxX - minX) * i / 4;
      sb.append("<text x=\"").append(fmt(x(vx, minX, maxX))).append("\" y=\"").append(y0 + 16)
          .append("\" text-anchor=\"middle\">").append(logX
              ? String.format(Locale.ROOT, "%,.0f", Math.pow(10, vx)) : tick(vx))
          .append("</text>");
    }
    sb.append("<text x=\"").append((x0 + x1) / 2).append("\" y=\"").append(H - 6)
        .append("\" text-anchor=\"middle\">").append(esc(xLabel)).append("</text>")
        .append("<text transform=\"translate(14,").append((y0 + y1) / 2)
        .append(") rotate(-90)\" text-anchor=\"middle\">").append(esc(yLabel)).append("</text>");
  }

  private static double x(double v, double min, double max) {
    return LEFT + (v - min) / (max - min) * (W - LEFT - RIGHT);
  }

  private static double y(double v, double min, double max) {
    return (H - BOTTOM) - (v - min) / (max - min) * (H - BOTTOM - TOP);
  }

  private static String tick(double v) {
    double a = Math.abs(v);
    return a >= 1000 ? String.format(Locale.ROOT, "%,.0f", v)
        : a >= 10 ? String.format(Locale.ROOT, "%.1f", v) : String.format(Locale.ROOT, "%.2f", v);
  }

  private static String fmt(double v) {
    return String.format(Locale.ROOT, "%.1f", v);
  }

  static String esc(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
