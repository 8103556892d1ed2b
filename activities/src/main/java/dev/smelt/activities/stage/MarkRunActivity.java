package dev.smelt.activities.stage;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.smelt.activities.run.RunFolder;
import dev.smelt.workflows.stage.StageActivities;
import dev.smelt.workflows.stage.StageInput;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes {@code state.json} into a cancelled run's folder, so `smelt status` tells a cancelled
 * run from one that stopped by accident; everything else (checkpoints included) stays.
 */
public class MarkRunActivity implements StageActivities.MarkRun {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path runsRoot;

  /** {@code runsRoot}: the only folder whose run folders this worker writes in. */
  public MarkRunActivity(Path runsRoot) {
    this.runsRoot = runsRoot;
  }

  @Override
  public void cancelled(StageInput in, String stage) {
    RunFolder run = RunFolder.confined(in.runDir(), runsRoot);
    Map<String, String> state = new LinkedHashMap<>();
    state.put("state", "cancelled");
    state.put("stage", stage);
    state.put("at", Instant.now().toString());
    try {
      Path tmp = run.inside(run.root().resolve("state.json.tmp"));
      JSON.writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), state);
      Files.move(tmp, run.inside(run.state()), StandardCopyOption.REPLACE_EXISTING,
          StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("marking run " + in.runId() + " cancelled failed", e);
    }
  }
}
