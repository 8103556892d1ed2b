package dev.smelt.activities.pretrain;

/** Where the data loader stands: the epoch, and how many windows of it were already served. */
public record DataCursor(long epoch, long position) {
  public static final DataCursor START = new DataCursor(0, 0);
}
