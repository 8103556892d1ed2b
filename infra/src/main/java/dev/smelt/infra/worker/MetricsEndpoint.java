package dev.smelt.infra.worker;

import com.sun.net.httpserver.HttpServer;
import com.uber.m3.tally.RootScopeBuilder;
import com.uber.m3.tally.Scope;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.temporal.common.reporter.MicrometerClientStatsReporter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * `smelt worker --metrics-port N`: Prometheus text at {@code http://HOST:N/metrics}, holding the
 * Temporal SDK's metrics (through {@link #temporalScope}) and Smelt's (stage progress, loss,
 * tokens/s, stage and checkpoint durations, skipped scheduled runs).
 */
public final class MetricsEndpoint implements AutoCloseable {
  /** How often the SDK's tally scope hands its counters to Micrometer; a scrape is at most this old. */
  private static final com.uber.m3.util.Duration REPORT_EVERY = com.uber.m3.util.Duration.ofSeconds(1);

  private final PrometheusMeterRegistry registry;
  private final HttpServer http;
  private final Scope scope;

  private MetricsEndpoint(PrometheusMeterRegistry registry, HttpServer http) {
    this.registry = registry;
    this.http = http;
    this.scope = new RootScopeBuilder().reporter(new MicrometerClientStatsReporter(registry))
        .reportEvery(REPORT_EVERY);
  }

  /** Serves on all interfaces at {@code port} (0: any free one), so Prometheus can scrape a pod. */
  public static MetricsEndpoint start(int port) {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    HttpServer http;
    try {
      http = HttpServer.create(new InetSocketAddress(port), 0);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot serve metrics on port " + port
          + " (in use? choose another --metrics-port)", e);
    }
    http.createContext("/metrics", exchange -> {
      byte[] body = registry.scrape().getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    });
    http.start();
    Metrics.globalRegistry.add(registry); // Smelt's meters (activities) report here from now on
    return new MetricsEndpoint(registry, http);
  }

  /** The scope to give the Temporal client, so SDK and workflow metrics land in this registry. */
  public Scope temporalScope() {
    return scope;
  }

  public int port() {
    return http.getAddress().getPort();
  }

  @Override
  public void close() {
    try {
      scope.close(); // reports what is left
    } catch (com.uber.m3.tally.ScopeCloseException e) {
      // the process is ending; the last second of SDK counters is all that is lost
    }
    http.stop(0);
    Metrics.globalRegistry.remove(registry);
    registry.close();
  }
}
