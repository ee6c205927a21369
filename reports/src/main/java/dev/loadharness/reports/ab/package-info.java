/**
 * A/B comparison of the head build against a baseline build on one scenario: per metric the ratio
 * head/base with a bootstrap 95% interval, a minimum effect, and a verdict (regressed, improved, unchanged,
 * inconclusive), rendered as comparison.md, comparison.json and comparison.html.
 */
package dev.loadharness.reports.ab;
