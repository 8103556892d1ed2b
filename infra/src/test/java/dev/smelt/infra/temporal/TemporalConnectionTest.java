package dev.smelt.infra.temporal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.temporal.envconfig.ClientConfigProfile;
import io.temporal.envconfig.LoadClientConfigProfileOptions;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Cloud settings exported for some other server never reach the local default or embedded server. */
class TemporalConnectionTest {
  static final Map<String, String> CLOUD = Map.of("TEMPORAL_API_KEY", "secret",
      "TEMPORAL_TLS", "true", "TEMPORAL_NAMESPACE", "prod.a1b2c");

  @TempDir Path dir;

  static ClientConfigProfile environment(Map<String, String> env) {
    return TemporalConnection.environment(LoadClientConfigProfileOptions.newBuilder()
        .setEnvOverrides(env).setDisableFile(true).build());
  }

  static boolean tls(ClientConfigProfile p) {
    WorkflowServiceStubsOptions o = p.toWorkflowServiceStubsOptions();
    return o.getEnableHttps() || o.getSslContext() != null;
  }

  @Test
  void theLocalDefaultIgnoresApiKeyTlsAndNamespaceFromTheEnvironment() {
    ClientConfigProfile env = environment(CLOUD);
    assertEquals("secret", env.getApiKey(), "the environment was read");
    assertTrue(tls(env));
    ClientConfigProfile p = TemporalConnection.profile(null, null, env);
    assertEquals(TemporalConnection.LOCAL_DEFAULT, p.getAddress());
    assertNull(p.getApiKey());
    assertEquals("default", p.getNamespace());
    assertFalse(tls(p));
  }

  @Test
  void aServerNamedByTheEnvironmentIsReachedWithItsCloudSettings() {
    Map<String, String> env = new java.util.HashMap<>(CLOUD);
    env.put("TEMPORAL_ADDRESS", "prod.a1b2c.tmprl.cloud:7233");
    ClientConfigProfile p = TemporalConnection.profile(null, null, environment(env));
    assertEquals("prod.a1b2c.tmprl.cloud:7233", p.getAddress());
    assertEquals("secret", p.getApiKey());
    assertEquals("prod.a1b2c", p.getNamespace());
    assertTrue(tls(p));
  }

  @Test
  void aServerNamedByTheFlagKeepsTheEnvironmentsCloudSettingsAndTakesTheFlagNamespace() {
    ClientConfigProfile p = TemporalConnection.profile("remote:7233", "research", environment(CLOUD));
    assertEquals("remote:7233", p.getAddress());
    assertEquals("secret", p.getApiKey());
    assertEquals("research", p.getNamespace());
  }

  @Test
  void embeddedServerAnswersAPlainConnectionThatTheCloudSettingsWouldBreak() {
    try (EmbeddedTemporalServer server = EmbeddedTemporalServer.start(0, dir.resolve("server.log"))) {
      ClientConfigProfile cloudToEmbedded = TemporalConnection.profile(server.target(), null, environment(CLOUD));
      TemporalUnreachableException e = assertThrows(TemporalUnreachableException.class,
          () -> TemporalConnection.open(cloudToEmbedded, Duration.ofSeconds(3)).close());
      assertTrue(e.getMessage().contains(server.target() + " (namespace prod.a1b2c, TLS, API key)"),
          e.getMessage());
      try (TemporalConnection plain = TemporalConnection.embedded(server.target())) {
        assertEquals("default", plain.namespace());
      }
    }
  }

  @Test
  void anUnreachableServerIsNamedWithWhatToCheck() throws IOException {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort(); // closed again: nothing listens there now
    }
    ClientConfigProfile p = TemporalConnection.profile("127.0.0.1:" + port, null, environment(Map.of()));
    TemporalUnreachableException e = assertThrows(TemporalUnreachableException.class,
        () -> TemporalConnection.open(p, Duration.ofSeconds(2)));
    assertTrue(e.getMessage().startsWith("no Temporal server answered at 127.0.0.1:" + port
        + " (namespace default, plain text) within 2 s; check that a server runs there"), e.getMessage());
    assertTrue(e.getMessage().contains("TEMPORAL_API_KEY"), e.getMessage());
  }
}
