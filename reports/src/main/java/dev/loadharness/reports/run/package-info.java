/** The HTML report of one run: verdict, thresholds, latency percentile curves, time series, settings diff, artifacts. */
package dev.loadharness.reports.run;
