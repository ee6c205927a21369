/** JMH's JSON result format (-rf json) as records, and its reader. */
package dev.loadharness.reports.jmh;
