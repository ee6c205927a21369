package dev.loadharness.scenarios.spec;

import java.time.Duration;
import java.util.Optional;

/**
 * How workflows arrive. Open models never wait for completions (no coordinated omission); the closed
 * model keeps {@code concurrency} workflows in flight for {@code duration}.
 *
 * @param rate arrivals per second, for {@link Model#CONSTANT_RATE}
 * @param wave the rate wave of {@link Model#EBB_AND_FLOW} or the in-flight target wave of {@link Model#BACKLOG};
 *     empty for the other models
 */
public record Injection(Model model, Duration duration, double rate, int concurrency, Optional<Wave> wave) {

  /** Requires a wave exactly for the models that have one. */
  public Injection {
    wave = wave == null ? Optional.empty() : wave;
    if (model != null && model.waved() != wave.isPresent()) {
      throw new IllegalArgumentException("injection " + model.id() + (model.waved() ? " needs a wave" : " has no wave"));
    }
  }

  /** An injection without a wave (every model but ebb-and-flow and backlog). */
  public Injection(Model model, Duration duration, double rate, int concurrency) {
    this(model, duration, rate, concurrency, Optional.empty());
  }

  /** The injection models a spec may name. */
  public enum Model {
    AT_ONCE("at-once"),
    RAMP("ramp"),
    CONSTANT_RATE("constant-rate"),
    CLOSED("closed"),
    /** Open: the arrival rate waves between {@code min_rate} and {@code max_rate} over {@code period}. */
    EBB_AND_FLOW("ebb-and-flow"),
    /** Closed: the in-flight target waves between {@code min_backlog} and {@code max_backlog} over {@code period}. */
    BACKLOG("backlog");

    private final String id;

    Model(String id) {
      this.id = id;
    }

    /** The spelling in spec files. */
    public String id() {
      return id;
    }

    /** Whether arrivals are independent of completions. */
    public boolean open() {
      return this != CLOSED && this != BACKLOG;
    }

    /** Whether the model's load follows a {@link Wave}. */
    public boolean waved() {
      return this == EBB_AND_FLOW || this == BACKLOG;
    }
  }
}
