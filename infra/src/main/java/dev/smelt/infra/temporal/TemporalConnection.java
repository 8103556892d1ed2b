package dev.smelt.infra.temporal;

import com.uber.m3.tally.Scope;
import io.temporal.client.WorkflowClient;
import io.temporal.envconfig.ClientConfigProfile;
import io.temporal.envconfig.LoadClientConfigProfileOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Optional;

/**
 * A client connection. A server named by a flag or by Temporal's own environment configuration
 * (TEMPORAL_ADDRESS or the profile file) is reached with all of that configuration (namespace,
 * API key, TLS); the local default, and the embedded server, with none of it, so cloud settings
 * exported for another server cannot turn a plain local connection into a failing TLS one.
 */
public final class TemporalConnection implements AutoCloseable {
  /** Temporal's default frontend address, used when nothing names a server. */
  public static final String LOCAL_DEFAULT = "127.0.0.1:7233";
  /** A worker may start before its server is up: it waits this long instead of failing at once. */
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(60);
  private static final String DEFAULT_NAMESPACE = "default";

  private final WorkflowServiceStubs stubs;
  private final WorkflowClient client;

  private TemporalConnection(WorkflowServiceStubs stubs, WorkflowClient client) {
    this.stubs = stubs;
    this.client = client;
  }

  /**
   * @param address host:port, or null for the environment's (else {@link #LOCAL_DEFAULT})
   * @param namespace namespace, or null for the environment's (else "default")
   */
  public static TemporalConnection open(String address, String namespace) {
    return open(profile(address, namespace, environment()), CONNECT_TIMEOUT, null);
  }

  /** As {@link #open(String, String)}, reporting the SDK's metrics to {@code metrics}. */
  public static TemporalConnection open(String address, String namespace, Scope metrics) {
    return open(profile(address, namespace, environment()), CONNECT_TIMEOUT, metrics);
  }

  /** A plain connection to a server this process started: no environment settings apply. */
  public static TemporalConnection embedded(String target) {
    return open(local(target, null), CONNECT_TIMEOUT, null);
  }

  /** The server Temporal's environment configuration names (TEMPORAL_ADDRESS, profile file), if any. */
  public static Optional<String> environmentAddress() {
    return Optional.ofNullable(environment().getAddress()).filter(a -> !a.isBlank());
  }

  /** What a connection to {@code address} uses, given the environment's profile {@code env}. */
  static ClientConfigProfile profile(String address, String namespace, ClientConfigProfile env) {
    boolean named = address != null || (env.getAddress() != null && !env.getAddress().isBlank());
    if (!named) {
      return local(LOCAL_DEFAULT, namespace);
    }
    ClientConfigProfile.Builder b = env.toBuilder();
    if (address != null) {
      b.setAddress(address);
    }
    if (namespace != null) {
      b.setNamespace(namespace);
    }
    return b.build();
  }

  static ClientConfigProfile environment(LoadClientConfigProfileOptions options) {
    try {
      return ClientConfigProfile.load(options);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read Temporal's client configuration (profile file "
          + "named by TEMPORAL_CONFIG_FILE, else ~/.config/temporalio/temporal.toml)", e);
    }
  }

  static TemporalConnection open(ClientConfigProfile profile, Duration timeout) {
    return open(profile, timeout, null);
  }

  private static TemporalConnection open(ClientConfigProfile profile, Duration timeout, Scope metrics) {
    WorkflowServiceStubsOptions options = profile.toWorkflowServiceStubsOptions();
    if (metrics != null) {
      options = WorkflowServiceStubsOptions.newBuilder(options).setMetricsScope(metrics).build();
    }
    WorkflowServiceStubs stubs;
    try {
      stubs = WorkflowServiceStubs.newConnectedServiceStubs(options, timeout);
    } catch (RuntimeException e) {
      String namespace = profile.getNamespace() != null ? profile.getNamespace() : DEFAULT_NAMESPACE;
      throw new TemporalUnreachableException(options, namespace, profile.getApiKey() != null,
          timeout, e);
    }
    return new TemporalConnection(stubs, WorkflowClient.newInstance(stubs, profile.toWorkflowClientOptions()));
  }

  private static ClientConfigProfile environment() {
    return environment(LoadClientConfigProfileOptions.newBuilder().build());
  }

  private static ClientConfigProfile local(String target, String namespace) {
    return ClientConfigProfile.newBuilder()
        .setAddress(target)
        .setNamespace(namespace != null ? namespace : DEFAULT_NAMESPACE)
        .build();
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
