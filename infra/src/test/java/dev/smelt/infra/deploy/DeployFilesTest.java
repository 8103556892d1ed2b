package dev.smelt.infra.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * infra/deploy parses and holds what its README promises. Only a YAML and structure check: no
 * docker or kubectl exists where this runs, so neither `docker compose config` nor a
 * `kubectl apply --dry-run` is made here.
 */
class DeployFilesTest {
  private static final Path DEPLOY = Path.of("deploy");
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private static List<JsonNode> documents(String file) throws IOException {
    List<JsonNode> docs = new ArrayList<>();
    try (var it = YAML.readerFor(JsonNode.class).<JsonNode>readValues(DEPLOY.resolve(file).toFile())) {
      it.forEachRemaining(docs::add);
    }
    return docs;
  }

  @Test
  void composeRunsTemporalOnPostgresWithTheUiAndCpuAndGpuWorkersOnOneRunsVolume() throws IOException {
    JsonNode services = documents("compose.yaml").get(0).get("services");
    for (String s : new String[] {"postgresql", "temporal", "temporal-ui", "worker-cpu", "worker-gpu"}) {
      assertTrue(services.has(s), s);
    }
    assertEquals("postgres12", services.get("temporal").get("environment").get("DB").asText());
    assertEquals("temporal:7233", services.get("temporal-ui").get("environment").get("TEMPORAL_ADDRESS").asText());
    JsonNode gpu = services.get("worker-gpu").get("deploy").get("resources").get("reservations")
        .get("devices").get(0);
    assertEquals("nvidia", gpu.get("driver").asText());
    assertEquals("gpu", gpu.get("capabilities").get(0).asText());
    for (String w : new String[] {"worker-cpu", "worker-gpu"}) {
      assertEquals("runs:/runs", services.get(w).get("volumes").get(0).asText(), w);
      assertTrue(services.get(w).get("command").toString().contains("--metrics-port"), w);
    }
  }

  @Test
  void kubernetesWorkersShareTheRunsClaimAndOnlyTheGpuWorkerAsksForAGpu() throws IOException {
    JsonNode pvc = documents("k8s/runs-pvc.yaml").get(0);
    assertEquals("PersistentVolumeClaim", pvc.get("kind").asText());
    assertEquals("ReadWriteMany", pvc.get("spec").get("accessModes").get(0).asText());
    for (String queue : new String[] {"cpu", "gpu"}) {
      JsonNode d = documents("k8s/worker-" + queue + ".yaml").get(0);
      assertEquals("Deployment", d.get("kind").asText());
      JsonNode pod = d.get("spec").get("template").get("spec");
      assertEquals(d.get("spec").get("selector").get("matchLabels"),
          d.get("spec").get("template").get("metadata").get("labels"), "the selector matches its pods");
      assertEquals("smelt-runs", pod.get("volumes").get(0).get("persistentVolumeClaim").get("claimName").asText());
      JsonNode container = pod.get("containers").get(0);
      assertTrue(container.get("args").toString().contains("\"" + queue + "\""), queue);
      assertEquals("/runs", container.get("volumeMounts").get(0).get("mountPath").asText());
      JsonNode gpus = container.get("resources").get("limits").get("nvidia.com/gpu");
      assertEquals(queue.equals("gpu"), gpus != null && gpus.asInt() == 1, queue);
    }
  }
}
