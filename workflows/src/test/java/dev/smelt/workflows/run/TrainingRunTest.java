package dev.smelt.workflows.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.mockito.Mockito.withSettings;

import dev.smelt.settings.PretrainConfig;
import dev.smelt.settings.WorkerQueue;
import dev.smelt.settings.RunConfig;
import dev.smelt.workflows.stage.BaselinesResult;
import dev.smelt.workflows.stage.BaselinesResults;
import dev.smelt.workflows.stage.DataResult;
import dev.smelt.workflows.stage.EvalResult;
import dev.smelt.workflows.stage.FinetuneResult;
import dev.smelt.workflows.stage.FinetuneResults;
import dev.smelt.workflows.stage.PretrainResult;
import dev.smelt.workflows.stage.RunSummary;
import dev.smelt.workflows.stage.Stage;
import dev.smelt.workflows.stage.StageActivities;
import dev.smelt.workflows.stage.StageCache;
import dev.smelt.workflows.stage.StageCheck;
import dev.smelt.workflows.stage.StageOutputHash;
import dev.smelt.workflows.stage.StageInput;
import dev.smelt.workflows.stage.StopReason;
import dev.smelt.workflows.stage.TaskEval;
import dev.smelt.workflows.stage.TokenizerResult;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerOptions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mockito.ArgumentCaptor;
import org.mockito.InOrder;

/**
 * TrainingRun over mocked activities, one mock per interface: stage order, summary and caching
 * decisions, fast. The cache's own decisions over real files: activities' StageCachingRunTest.
 */
class TrainingRunTest {
  private static final RunConfig CONFIG = new RunConfig("x", 1, null, null, null,
      new PretrainConfig("causal", 1, 1, 1e-3, 0, 0, 0, 0, 1, 0, 0, 1, 8, 1, 0, 0, 0, 0, 0.15,
          "cpu", WorkerQueue.CPU, PretrainConfig.NO_INIT), null, null);
  private static final StageInput IN = new StageInput("r1", "/runs/r1", CONFIG);

  private static final DataResult DATA = new DataResult(10, 8, 2, 800, List.of(), 1.0);
  private static final TokenizerResult TOKENIZER =
      new TokenizerResult(512, 7, 1, 7000, 1000, "/runs/r1/tokenizer/tokenizer.json", 2.0);
  private static final PretrainResult PRETRAIN = new PretrainResult(100, 6.2, 3.1, 3.3, 51200,
      900.0, 123456, 0, "/runs/r1/pretrain/final", 3.0, StopReason.MAX_STEPS);
  private static final FinetuneResults FINETUNE = new FinetuneResults(List.of(
      new FinetuneResult("sentiment", 50, 0.7, 0.4, 40, 10, "/runs/r1/finetune/sentiment", 4.0)));
  private static final BaselinesResults BASELINES = new BaselinesResults(List.of(
      new BaselinesResult("sentiment", "/runs/r1/baselines/sentiment/scratch/final",
          "/runs/r1/baselines/sentiment/bow.json", List.of(), 5.0)));
  private static final EvalResult EVAL = new EvalResult(3.3, 27.1, 4.2, 1000,
      List.of(new TaskEval("sentiment", 0.8, 10, 0.5, List.of())), Double.NaN, 0, List.of(), Double.NaN, List.of(), null, Double.NaN,
      Double.NaN, 6.0);

  @RegisterExtension
  static final TestWorkflowExtension TEMPORAL = TestWorkflowExtension.newBuilder()
      .registerWorkflowImplementationTypes(TrainingRunImpl.class)
      .setDoNotStart(true)
      // a first workflow task that loads classes on a busy machine is no deadlock
      .setWorkerOptions(
          WorkerOptions.newBuilder().setDefaultDeadlockDetectionTimeout(10_000).build())
      .build();

  /** A mock of an activity interface, without annotations: Temporal sees only the interface's. */
  private static <T> T activity(Class<T> type) {
    return mock(type, withSettings().withoutAnnotations());
  }

  /** One mock per stage activity, each answering its fixed result. */
  private record StageMocks(StageActivities.Data data, StageActivities.Tokenizer tokenizer,
      StageActivities.Pretrain pretrain, StageActivities.Finetune finetune,
      StageActivities.Baselines baselines, StageActivities.Evaluate evaluate,
      StageActivities.Report report) {
    static StageMocks answering() {
      StageMocks m = new StageMocks(activity(StageActivities.Data.class),
          activity(StageActivities.Tokenizer.class), activity(StageActivities.Pretrain.class),
          activity(StageActivities.Finetune.class), activity(StageActivities.Baselines.class),
          activity(StageActivities.Evaluate.class), activity(StageActivities.Report.class));
      when(m.data.prepare(any())).thenReturn(DATA);
      when(m.tokenizer.train(any())).thenReturn(TOKENIZER);
      when(m.pretrain.pretrain(any())).thenReturn(PRETRAIN);
      when(m.finetune.finetune(any())).thenReturn(FINETUNE);
      when(m.baselines.baselines(any())).thenReturn(BASELINES);
      when(m.evaluate.evaluate(any())).thenReturn(EVAL);
      when(m.report.write(any(), any())).thenReturn("/runs/r1/report.html");
      return m;
    }

    /** These mocks and {@code cache}, to register with a worker. */
    Object[] with(StageCache cache) {
      return new Object[] {cache, data, tokenizer, pretrain, finetune, baselines, evaluate, report};
    }
  }

  @Test
  void runsEveryStageOnceInDataFlowOrderAndSummarisesTheirResults(TestWorkflowEnvironment env,
      Worker worker, WorkflowClient client, WorkflowOptions options) {
    StageMocks m = StageMocks.answering();
    StageActivities.Data data = m.data();
    StageActivities.Tokenizer tokenizer = m.tokenizer();
    StageActivities.Pretrain pretrain = m.pretrain();
    StageActivities.Finetune finetune = m.finetune();
    StageActivities.Baselines baselines = m.baselines();
    StageActivities.Evaluate evaluate = m.evaluate();
    StageActivities.Report report = m.report();
    worker.registerActivitiesImplementations(m.with(new NothingCached()));
    env.start();

    TrainingRun run = client.newWorkflowStub(TrainingRun.class, options);
    RunSummary summary = run.run(IN);

    InOrder order = inOrder(data, tokenizer, pretrain, finetune, baselines, evaluate, report);
    order.verify(data).prepare(IN);
    order.verify(tokenizer).train(IN);
    order.verify(pretrain).pretrain(IN);
    order.verify(finetune).finetune(IN);
    order.verify(baselines).baselines(IN);
    order.verify(evaluate).evaluate(IN);
    ArgumentCaptor<RunSummary> toReport = ArgumentCaptor.forClass(RunSummary.class);
    order.verify(report).write(eq(IN), toReport.capture());
    order.verifyNoMoreInteractions();

    RunSummary expected = new RunSummary("r1", "/runs/r1", DATA, TOKENIZER, PRETRAIN, FINETUNE,
        BASELINES, EVAL, "/runs/r1/report.html");
    assertEquals(expected, summary);
    assertEquals(new RunSummary("r1", "/runs/r1", DATA, TOKENIZER, PRETRAIN, FINETUNE, BASELINES,
        EVAL, null), toReport.getValue(), "the report gets every result but its own path");
    assertEquals(new RunStatus(Stage.ids(), Stage.values().length, "done"), run.status());
  }

  @Test
  void servesStagesWhoseFingerprintMatchesFromTheirRecordAndPassesTheirOutputHashesDownstream(
      TestWorkflowEnvironment env, Worker worker, WorkflowClient client, WorkflowOptions options) {
    StageCache cache = activity(StageCache.class);
    for (Stage s : List.of(Stage.DATA, Stage.TOKENIZER, Stage.PRETRAIN)) {
      when(cache.open(any(), eq(s), any())).thenReturn(new StageCheck(s, "f", true, "h-" + s.id()));
    }
    for (Stage s : List.of(Stage.FINETUNE, Stage.BASELINES, Stage.EVALUATE)) {
      when(cache.open(any(), eq(s), any())).thenReturn(new StageCheck(s, "f", false, ""));
      when(cache.finish(any(), eq(new StageCheck(s, "f", false, "")), any())).thenReturn("h-" + s.id());
    }
    when(cache.cachedResult(any(), eq(Stage.DATA))).thenReturn(DATA);
    when(cache.cachedResult(any(), eq(Stage.TOKENIZER))).thenReturn(TOKENIZER);
    when(cache.cachedResult(any(), eq(Stage.PRETRAIN))).thenReturn(PRETRAIN);
    StageMocks m = StageMocks.answering();
    StageActivities.Report report = m.report();
    worker.registerActivitiesImplementations(m.with(cache));
    env.start();

    TrainingRun run = client.newWorkflowStub(TrainingRun.class, options);
    RunSummary summary = run.run(IN);

    verifyNoInteractions(m.data(), m.tokenizer(), m.pretrain());
    List<String> cached = List.of("data", "tokenizer", "pretrain");
    assertEquals(new RunSummary("r1", "/runs/r1", DATA, TOKENIZER, PRETRAIN, FINETUNE, BASELINES,
        EVAL, "/runs/r1/report.html", cached), summary, "cached results as recorded, no re-run");
    verify(cache).open(IN, Stage.FINETUNE, List.of(new StageOutputHash(Stage.TOKENIZER,
        "h-tokenizer"), new StageOutputHash(Stage.PRETRAIN, "h-pretrain")));
    verify(cache).open(IN, Stage.EVALUATE, List.of(new StageOutputHash(Stage.DATA, "h-data"),
        new StageOutputHash(Stage.TOKENIZER, "h-tokenizer"), new StageOutputHash(Stage.PRETRAIN,
        "h-pretrain"), new StageOutputHash(Stage.FINETUNE, "h-finetune"),
        new StageOutputHash(Stage.BASELINES, "h-baselines")));
    verify(cache).finish(eq(IN), eq(new StageCheck(Stage.EVALUATE, "f", false, "")), any());
    verify(cache, never()).open(any(), eq(Stage.REPORT), any());
    ArgumentCaptor<RunSummary> toReport = ArgumentCaptor.forClass(RunSummary.class);
    verify(report).write(eq(IN), toReport.capture());
    assertEquals(cached, toReport.getValue().cached(), "the report is told what was cached");
    assertEquals(cached, run.status().cached());
  }
}
