package dev.loadharness.gatling.runner;

import dev.loadharness.gatling.driver.RunLedger;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * Prints the progress line (elapsed, started, completed, in flight, p95 of the last interval) and keeps
 * the per-interval series the run record stores.
 */
final class Progress {
  private final RunLedger ledger;
  private final PrintStream out;
  private final List<Double> elapsed = new ArrayList<>();
  private final List<Long> wallMs = new ArrayList<>();
  private final List<Double> throughput = new ArrayList<>();
  private final List<Double> inFlight = new ArrayList<>();
  private final List<Double> p95 = new ArrayList<>();
  private long lastCompleted;
  private double lastElapsed;

  Progress(RunLedger ledger, PrintStream out) {
    this.ledger = ledger;
    this.out = out;
  }

  synchronized void tick() {
    RunLedger.Counts c = ledger.counts();
    double now = (System.nanoTime() - ledger.startNanos()) / 1e9;
    Histogram interval = ledger.endToEndInterval();
    double intervalP95 = interval.getTotalCount() == 0 ? 0 : interval.getValueAtPercentile(95) / 1000.0;
    double span = Math.max(1e-3, now - lastElapsed);
    elapsed.add(now);
    wallMs.add(System.currentTimeMillis());
    throughput.add((c.completed() - lastCompleted) / span);
    inFlight.add((double) c.inFlight());
    p95.add(intervalP95);
    lastCompleted = c.completed();
    lastElapsed = now;
    out.printf(Locale.ROOT, "[%6.1fs] started %5d  completed %5d  failed %3d  timed out %3d  in flight %5d  "
        + "e2e p95 %s%n", now, c.started(), c.completed(), c.failed(), c.timedOut(), c.inFlight(),
        interval.getTotalCount() == 0 ? "-" : String.format(Locale.ROOT, "%.0f ms", intervalP95));
    out.flush();
  }

  synchronized List<Double> elapsed() {
    return List.copyOf(elapsed);
  }

  /** Wall-clock time of each tick, to line the workers' own per-second samples up with it. */
  synchronized List<Long> wallMs() {
    return List.copyOf(wallMs);
  }

  synchronized Map<String, List<Double>> series() {
    Map<String, List<Double>> values = new LinkedHashMap<>();
    values.put("throughput_wps", List.copyOf(throughput));
    values.put("in_flight", List.copyOf(inFlight));
    values.put("end_to_end_p95_ms", List.copyOf(p95));
    return values;
  }
}
