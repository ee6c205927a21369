/** The report command behind scripts/report. */
package dev.loadharness.reports.cli;
