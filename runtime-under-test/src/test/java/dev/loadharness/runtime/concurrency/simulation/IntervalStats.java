package dev.loadharness.runtime.concurrency.simulation;

/**
 * One simulated control interval.
 *
 * @param second the interval's end, in simulated seconds
 * @param limit the limit in force during the interval
 * @param completed tasks completed in the interval
 * @param scheduleToStartP95Millis p95 wait in the server backlog of tasks started in the interval
 * @param backlog tasks waiting on the server at the interval's end
 */
record IntervalStats(int second, int limit, int completed, double scheduleToStartP95Millis, int backlog) {}
