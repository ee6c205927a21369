package dev.loadharness.reports.trend;

import java.util.List;

/**
 * Findings for one new run (or one JMH result set) against its comparable history.
 *
 * @param subject what was judged, e.g. a run id or {@code jmh 2026-11-20}
 * @param findings one finding per metric that the new run has
 */
public record RegressionReport(String subject, List<Finding> findings) {

  /** Freezes the findings. */
  public RegressionReport {
    findings = List.copyOf(findings);
  }

  /** The findings that regressed. */
  public List<Finding> regressions() {
    return findings.stream().filter(Finding::regressed).toList();
  }

  /** Whether any metric regressed. */
  public boolean regressed() {
    return findings.stream().anyMatch(Finding::regressed);
  }
}
