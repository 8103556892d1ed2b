package dev.smelt.pipeline.dedup.minhash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.smelt.pipeline.data.DataPipeline;
import dev.smelt.pipeline.data.DataPipelineSpec;
import dev.smelt.pipeline.data.DataStats;
import dev.smelt.pipeline.data.RejectedDocs;
import dev.smelt.pipeline.doc.Doc;
import dev.smelt.pipeline.filter.RejectReason;
import dev.smelt.pipeline.filter.Rejected;
import dev.smelt.settings.filter.FilterSettings;
import dev.smelt.settings.filter.FuzzyDedupSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fuzzy_dedup stage in the data pipeline, on planted near-duplicate clusters. */
class FuzzyDedupTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final PlantedClusters PLANTED = new PlantedClusters(12, 4, 40, 7);

  @TempDir Path tmp;

  private Path corpus() throws IOException {
    List<String> lines = new ArrayList<>();
    for (Doc d : PLANTED.docs) {
      lines.add(JSON.createObjectNode().put("id", d.docId()).put("text", d.text()).toString());
    }
    Path dir = Files.createDirectories(tmp.resolve("corpus"));
    Files.write(dir.resolve("planted.jsonl"), lines);
    return dir;
  }

  /** doc_id → detail of every NEAR_DUPLICATE reject of a run at the given parallelism. */
  private Map<String, String> removed(String out, int parallelism) throws IOException {
    DataPipelineSpec spec = new DataPipelineSpec(List.of(corpus()), tmp.resolve(out), 1, 1_000_000,
        "DirectRunner", List.of("--targetParallelism=" + parallelism), List.of(FuzzyDedup.STAGE),
        FilterSettings.DEFAULTS, null);
    DataStats stats = DataPipeline.run(spec, p -> {});
    assertEquals(PLANTED.docs.size(), stats.read());
    assertEquals(stats.read(), stats.kept() + stats.rejected());
    Map<String, String> removed = new TreeMap<>();
    for (Rejected r : RejectedDocs.read(tmp.resolve(out))) {
      assertEquals(FuzzyDedup.STAGE, r.stage());
      assertEquals(RejectReason.NEAR_DUPLICATE, r.reason());
      removed.put(r.doc().docId(), r.detail());
    }
    assertEquals(removed.size(), stats.rejectedFor(FuzzyDedup.STAGE, RejectReason.NEAR_DUPLICATE));
    return removed;
  }

  @Test
  void removesEveryPlantedCopyButTheSmallestContentHashWhateverTheParallelismAndReportsClusters() throws IOException {
    Map<String, String> expected = new TreeMap<>();
    for (List<Doc> cluster : PLANTED.clusters) {
      Doc survivor = PlantedClusters.survivor(cluster);
      cluster.stream().filter(d -> d != survivor)
          .forEach(d -> expected.put(d.docId(), "near-duplicate of " + survivor.docId()));
    }
    Map<String, String> one = removed("p1", 1);
    Map<String, String> four = removed("p4", 4);

    assertEquals(expected, one);
    assertEquals(one, four, "the removed set and details do not depend on parallelism");
    assertTrue(expected.values().stream().anyMatch(d -> !d.endsWith("-0")),
        "some survivor is not the base text, so the survivor really is chosen by content hash");
    reportsTheLargestClustersWithTheSurvivorAndASampleOfRemovedMembers(tmp.resolve("p4"));
  }

  private static void reportsTheLargestClustersWithTheSurvivorAndASampleOfRemovedMembers(Path data) {
    NearDuplicateReport report = NearDuplicateReport.read(data.resolve(NearDuplicateReport.FILE));

    assertEquals(12, report.clusters());
    assertEquals(12 * 5, report.documentsInClusters());
    assertEquals(12, report.largest().size());
    NearDuplicateCluster first = report.largest().get(0);
    assertEquals(5, first.size());
    assertEquals(NearDuplicateCluster.SAMPLE, first.removedSample().size());
    assertTrue(first.survivor().snippet().length() <= NearDuplicateCluster.SNIPPET_CHARS + 1);
    assertEquals(FuzzyDedupSettings.PUBLISHED, report.settings());
    assertEquals(NearDuplicateReport.S_CURVE_BUCKETS, report.sCurve().size());
  }
}
