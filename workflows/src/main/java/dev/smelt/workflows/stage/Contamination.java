package dev.smelt.workflows.stage;

/** How many items of one evaluation set share an n-gram with the training shards. */
public record Contamination(String set, int n, int items, int contaminated) {
  public double fraction() {
    return items == 0 ? 0 : (double) contaminated / items;
  }
}
