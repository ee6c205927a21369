package dev.loadharness.runtime.concurrency;

/**
 * Bounds of one slot kind's concurrency limit: where it starts and how far a controller may move it.
 *
 * @param initial the limit at start, and the fixed limit when concurrency is not dynamic
 * @param min the floor the controller never goes below
 * @param max the ceiling, reported to the SDK as the maximum slot count (it sizes executors from it)
 */
public record SlotLimits(int initial, int min, int max) {

  public SlotLimits {
    if (min < 1) {
      throw new IllegalArgumentException("slot limit min must be >= 1, got " + min);
    }
    if (initial < min || initial > max) {
      throw new IllegalArgumentException(
          "slot limit initial must be within min..max (" + min + ".." + max + "), got " + initial);
    }
  }

  /** A limit that never moves. */
  public static SlotLimits fixed(int slots) {
    return new SlotLimits(slots, slots, slots);
  }

  /** True when min == max, so no controller can move it. */
  public boolean isFixed() {
    return min == max;
  }
}
