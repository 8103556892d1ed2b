package dev.smelt.infra.temporal;

import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.time.Duration;

/** No Temporal server answered: names the address, how it was reached, and what to check. */
public final class TemporalUnreachableException extends RuntimeException {
  TemporalUnreachableException(WorkflowServiceStubsOptions o, String namespace, boolean apiKey,
      Duration waited, Throwable cause) {
    super("no Temporal server answered at " + o.getTarget() + " (namespace " + namespace + ", "
        + (o.getEnableHttps() || o.getSslContext() != null ? "TLS" : "plain text")
        + (apiKey ? ", API key" : "") + ") within " + waited.toSeconds() + " s; check that a"
        + " server runs there (smelt server, or --temporal HOST:PORT for another one) and, for a"
        + " remote one, its TLS and API key settings (TEMPORAL_ADDRESS, TEMPORAL_API_KEY,"
        + " TEMPORAL_TLS*, the profile file)", cause);
  }
}
