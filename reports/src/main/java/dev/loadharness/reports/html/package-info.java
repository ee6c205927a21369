/** Page machinery shared by every report: escaping, chart specifications, and the self-contained page template with uPlot inlined. */
package dev.loadharness.reports.html;
