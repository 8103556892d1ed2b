package dev.smelt.infra.temporal;

import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.envconfig.ClientConfigProfile;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;

/**
 * A client connection. Starts from Temporal's own environment configuration (TEMPORAL_ADDRESS,
 * TEMPORAL_NAMESPACE, TEMPORAL_API_KEY, TLS settings, the profile file) and lets Smelt's flags
 * override address and namespace.
 */
public final class TemporalConnection implements AutoCloseable {
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(60);

  private final WorkflowServiceStubs stubs;
  private final WorkflowClient client;

  private TemporalConnection(WorkflowServiceStubs stubs, WorkflowClient client) {
    this.stubs = stubs;
    this.client = client;
  }

  /**
   * @param address host:port, or null for the environment's (default 127.0.0.1:7233)
   * @param namespace namespace, or null for the environment's (default "default")
   */
  public static TemporalConnection open(String address, String namespace) {
    ClientConfigProfile profile;
    try {
      profile = ClientConfigProfile.load();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the Temporal client configuration", e);
    }
    ClientConfigProfile.Builder b = profile.toBuilder();
    if (address != null) {
      b.setAddress(address);
    }
    if (namespace != null) {
      b.setNamespace(namespace);
    }
    profile = b.build();
    WorkflowServiceStubsOptions stubOptions = profile.toWorkflowServiceStubsOptions();
    // Waits for the server (a worker may start before it is up) instead of failing at once.
    WorkflowServiceStubs stubs =
        WorkflowServiceStubs.newConnectedServiceStubs(stubOptions, CONNECT_TIMEOUT);
    WorkflowClientOptions clientOptions = profile.toWorkflowClientOptions();
    return new TemporalConnection(stubs, WorkflowClient.newInstance(stubs, clientOptions));
  }

  public WorkflowClient client() {
    return client;
  }

  public WorkflowServiceStubs stubs() {
    return stubs;
  }

  public String namespace() {
    return client.getOptions().getNamespace();
  }

  @Override
  public void close() {
    stubs.shutdown();
  }
}
