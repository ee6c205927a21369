/** The trend store keyed by what makes runs comparable ({@link dev.loadharness.reports.trend.TrendKey}), regression detection (median of the last K like runs, 3 MAD clamped per metric) and trend pages. */
package dev.loadharness.reports.trend;
