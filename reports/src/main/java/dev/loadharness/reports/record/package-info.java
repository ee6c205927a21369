/** The run record (run.json, schema 1): Jackson-mapped records, a builder for producers, and RunRecords to read and write them. */
package dev.loadharness.reports.record;
