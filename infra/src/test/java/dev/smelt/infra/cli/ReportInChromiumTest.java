package dev.smelt.infra.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;

/** Renders a report.html in headless Chromium (Debian's /usr/bin/chromium), if installed. */
final class ReportInChromiumTest {
  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Pattern SVG = Pattern.compile("<svg[^>]*class=\"chart\"[^>]*>(.*?)</svg>",
      Pattern.DOTALL);
  private static final Pattern DRAWN = Pattern.compile(
      "<path[^>]* d=\"M[^\"]+\"|<rect[^>]* width=\"[0-9.]+\"");

  private ReportInChromiumTest() {}

  /**
   * Screenshots the report to {@code report.png} beside it and checks the DOM Chromium built: as
   * many {@code svg.chart} elements as the file has, each with a drawn path or bar.
   */
  static void check(Path report, Path tmp) throws IOException, InterruptedException {
    Assumptions.assumeTrue(Files.isExecutable(CHROMIUM),
        "Chromium not installed at " + CHROMIUM + " (apt-get install -y chromium): report not rendered");
    String url = report.toUri().toString();
    run(tmp, "--screenshot=" + report.resolveSibling("report.png"), "--window-size=1000,3000", url);
    assertTrue(Files.size(report.resolveSibling("report.png")) > 10_000, "screenshot written");
    String dom = run(tmp, "--dump-dom", url);
    List<String> charts = new ArrayList<>();
    Matcher m = SVG.matcher(dom);
    while (m.find()) {
      charts.add(m.group(1));
    }
    int inFile = SVG.matcher(Files.readString(report)).results().mapToInt(r -> 1).sum();
    assertTrue(inFile >= 4, "funnel, two loss curves, scores, learning curve: " + inFile);
    assertEquals(inFile, charts.size(), "every chart survives parsing");
    for (String chart : charts) {
      assertTrue(DRAWN.matcher(chart).find(), "chart without paths or bars: "
          + chart.substring(0, Math.min(200, chart.length())));
    }
  }

  private static String run(Path tmp, String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox",
        "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--user-data-dir=" + tmp.resolve("chromium-profile")));
    cmd.addAll(List.of(args));
    Path out = Files.createTempFile(tmp, "chromium", ".out");
    Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile())
        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("chromium did not finish in 120 s: " + cmd);
    }
    assertEquals(0, p.exitValue(), "chromium exit code for " + cmd);
    return Files.readString(out);
  }
}
