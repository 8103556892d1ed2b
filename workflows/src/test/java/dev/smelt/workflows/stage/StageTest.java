package dev.smelt.workflows.stage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.temporal.activity.ActivityMethod;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class StageTest {
  /** A renamed activity method would otherwise name no stage in the CLI's failure line. */
  @Test
  void everyStageNamesTheActivityTypeOfOneStageActivitiesMethodInRunOrder() {
    List<String> declared = Arrays.stream(StageActivities.class.getDeclaredClasses())
        .filter(i -> i != StageActivities.MarkRun.class) // marks a cancelled run: no stage of its own
        .flatMap(i -> Arrays.stream(i.getDeclaredMethods()))
        .map(m -> m.getAnnotation(ActivityMethod.class).name())
        .sorted().toList();
    List<String> byStage = Arrays.stream(Stage.values()).map(Stage::activityType).sorted().toList();
    assertEquals(declared, byStage);
  }

  @Test
  void stageIdsAreTheRunOrderOfTheDataFlow() {
    assertEquals(List.of("data", "tokenizer", "pretrain", "finetune", "baselines", "evaluate",
        "report"), Stage.ids());
    assertEquals(Stage.PRETRAIN, Stage.ofActivityType("Pretrain").orElseThrow());
    assertEquals(true, Stage.ofActivityType("NoSuchActivity").isEmpty());
  }
}
