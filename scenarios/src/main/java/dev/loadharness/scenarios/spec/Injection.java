package dev.loadharness.scenarios.spec;

import java.time.Duration;

/**
 * How workflows arrive. Open models never wait for completions (no coordinated omission); the closed
 * model keeps {@code concurrency} workflows in flight for {@code duration}.
 *
 * @param rate arrivals per second, for {@link Model#CONSTANT_RATE}
 */
public record Injection(Model model, Duration duration, double rate, int concurrency) {

  /** The injection models a spec may name. */
  public enum Model {
    AT_ONCE("at-once"),
    RAMP("ramp"),
    CONSTANT_RATE("constant-rate"),
    CLOSED("closed");

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
      return this != CLOSED;
    }
  }
}
