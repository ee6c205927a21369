/**
 * The result of a capacity search (scripts/load --find-capacity): each step's measured load, the knee per
 * sweep cell, which resource saturated first and the fleet-sizing line, with its Markdown, JSON and HTML.
 */
package dev.loadharness.reports.capacity;
