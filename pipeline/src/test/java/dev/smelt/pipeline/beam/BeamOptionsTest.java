package dev.smelt.pipeline.beam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.apache.beam.runners.direct.DirectOptions;
import org.apache.beam.runners.direct.DirectRunner;
import org.apache.beam.runners.flink.FlinkPipelineOptions;
import org.apache.beam.runners.flink.FlinkRunner;
import org.apache.beam.sdk.options.PipelineOptions;
import org.junit.jupiter.api.Test;

class BeamOptionsTest {
  @Test
  void namesTheFlagBeamDoesNotKnowAmongGoodOnes() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BeamOptions.of(
        "DirectRunner", List.of("--targetParallelism=2", "--noSuchBeamFlag=1")));
    assertTrue(e.getMessage().startsWith("Beam option '--noSuchBeamFlag=1' is not usable"),
        e.getMessage());
  }

  @Test
  void namesAFlagWhoseValueHasTheWrongType() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> BeamOptions.of("DirectRunner", List.of("--targetParallelism=many")));
    assertTrue(e.getMessage().contains("'--targetParallelism=many'"), e.getMessage());
  }

  @Test
  void rejectsAnArgumentThatIsNotAFlag() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> BeamOptions.of("DirectRunner", List.of("targetParallelism=2")));
    assertEquals("Beam option 'targetParallelism=2' must look like --flag=value", e.getMessage());
  }

  @Test
  void namesAnUnknownRunner() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> BeamOptions.of("NoSuchRunner", List.of()));
    assertTrue(e.getMessage().startsWith("Beam option '--runner=NoSuchRunner' is not usable"),
        e.getMessage());
  }

  @Test
  void aRunnerFlagWinsOverTheRunnerName() {
    PipelineOptions options = BeamOptions.of("NoSuchRunner", List.of("--runner=DirectRunner"));
    assertEquals(DirectRunner.class, options.getRunner());
  }

  @Test
  void directRunnerReturnsFromRunAndSkipsTheImmutabilityAndEncodabilityChecksUnlessTheFlagsSayOtherwise() {
    DirectOptions byDefault = BeamOptions.of("DirectRunner", List.of()).as(DirectOptions.class);
    assertFalse(byDefault.isBlockOnRun());
    assertFalse(byDefault.isEnforceImmutability());
    assertFalse(byDefault.isEnforceEncodability());
    DirectOptions asked = BeamOptions.of("DirectRunner", List.of("--blockOnRun=true",
        "--enforceImmutability=true", "--enforceEncodability=true")).as(DirectOptions.class);
    assertTrue(asked.isBlockOnRun());
    assertTrue(asked.isEnforceImmutability());
    assertTrue(asked.isEnforceEncodability());
  }

  @Test
  void flinkRunsOnAnEmbeddedClusterWithStreamedGroupsUnlessTheFlagsSayOtherwise() {
    FlinkPipelineOptions byDefault =
        BeamOptions.of("FlinkRunner", List.of("--parallelism=2")).as(FlinkPipelineOptions.class);
    assertEquals(FlinkRunner.class, byDefault.getRunner());
    assertEquals("[local]", byDefault.getFlinkMaster());
    assertFalse(byDefault.getReIterableGroupByKeyResult());
    assertEquals(2, byDefault.getParallelism());
    FlinkPipelineOptions asked = BeamOptions.of("FlinkRunner",
        List.of("--flinkMaster=jobmanager:8081", "--reIterableGroupByKeyResult=true"))
        .as(FlinkPipelineOptions.class);
    assertEquals("jobmanager:8081", asked.getFlinkMaster());
    assertTrue(asked.getReIterableGroupByKeyResult());
  }

  @Test
  void aLaterListOverridesFlagsOfTheSameNameAndKeepsTheRest() {
    assertEquals(List.of("--flinkMaster=[local]", "--parallelism=4", "--fasterCopy"),
        BeamOptions.overriding(List.of("--flinkMaster=[local]", "--parallelism=2"),
            List.of("--parallelism=4", "--fasterCopy")));
  }

  @Test
  void flinkIsKnownByTheNamesBeamAcceptsForIt() {
    assertTrue(BeamOptions.isFlink("FlinkRunner"));
    assertTrue(BeamOptions.isFlink("flinkrunner"));
    assertTrue(BeamOptions.isFlink("Flink"));
    assertEquals(FlinkRunner.class, BeamOptions.of("Flink", List.of()).getRunner());
    assertTrue(BeamOptions.isFlink("org.apache.beam.runners.flink.FlinkRunner"));
    assertFalse(BeamOptions.isFlink("DirectRunner"));
  }
}
