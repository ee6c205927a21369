package dev.loadharness.runtime.concurrency.simulation;

import dev.loadharness.runtime.concurrency.SlotLimits;
import dev.loadharness.runtime.concurrency.limit.Observation;
import dev.loadharness.runtime.concurrency.limit.VegasConcurrencyLimit;
import dev.loadharness.runtime.concurrency.limit.VegasLimitSettings;

/** A way of choosing the slot limit each control interval; one instance per simulation run. */
interface ConcurrencyPolicy {

  /** The name in reports. */
  String name();

  /** The limit before the first interval. */
  int initialLimit();

  /** The limit for the next interval, given what the last one looked like. */
  int next(Observation observation);

  /** The controller's {@code starving()} reading of the last interval; false for a fixed limit. */
  default boolean starving() {
    return false;
  }

  /** A limit that never moves. */
  static ConcurrencyPolicy fixed(int limit) {
    return new ConcurrencyPolicy() {
      @Override
      public String name() {
        return "fixed-" + limit;
      }

      @Override
      public int initialLimit() {
        return limit;
      }

      @Override
      public int next(Observation observation) {
        return limit;
      }
    };
  }

  /** The runtime's own controller, exactly as AdaptiveConcurrency drives it. */
  static ConcurrencyPolicy adaptive(SlotLimits bounds, VegasLimitSettings settings) {
    VegasConcurrencyLimit vegas = new VegasConcurrencyLimit(bounds, settings);
    return new ConcurrencyPolicy() {
      @Override
      public String name() {
        return "adaptive-vegas";
      }

      @Override
      public int initialLimit() {
        return bounds.initial();
      }

      @Override
      public int next(Observation observation) {
        return vegas.update(observation).limit();
      }

      @Override
      public boolean starving() {
        return vegas.starving();
      }
    };
  }
}
