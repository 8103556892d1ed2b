package dev.smelt.pipeline.beam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.apache.beam.runners.direct.DirectOptions;
import org.apache.beam.runners.direct.DirectRunner;
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
  void directRunnerReturnsFromRunAndSkipsTheImmutabilityCheckUnlessTheFlagsSayOtherwise() {
    DirectOptions byDefault = BeamOptions.of("DirectRunner", List.of()).as(DirectOptions.class);
    assertFalse(byDefault.isBlockOnRun());
    assertFalse(byDefault.isEnforceImmutability());
    DirectOptions asked = BeamOptions.of("DirectRunner",
        List.of("--blockOnRun=true", "--enforceImmutability=true")).as(DirectOptions.class);
    assertTrue(asked.isBlockOnRun());
    assertTrue(asked.isEnforceImmutability());
  }
}
