/**
 * Side-by-side comparison of worker runtime settings run in one session (interleaved rounds against one
 * server): per-setting medians, and the candidate against the best baseline setting as paired per-round ratios.
 */
package dev.loadharness.reports.compare;
