/** The trend store, regression detection (median of the last K comparable runs, max(10%, 3 MAD, floor)) and trend pages. */
package dev.loadharness.reports.trend;
