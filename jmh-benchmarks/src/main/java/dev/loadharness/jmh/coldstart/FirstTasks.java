package dev.loadharness.jmh.coldstart;

import java.lang.management.ManagementFactory;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which task queues of the worker process have run their first task. When all have, prints one line,
 * {@code ALL_POLLED <ms since JVM start> <process CPU ms>}, that the benchmark waits for.
 */
final class FirstTasks {
  static final String ALL_POLLED = "ALL_POLLED";
  /** When true, the process exits as soon as every queue has run its first task (an AppCDS training run). */
  static final String EXIT_PROPERTY = "coldstart.exit-after-first-tasks";

  private static final Set<String> REACHED = ConcurrentHashMap.newKeySet();
  private static volatile int expected = Integer.MAX_VALUE;

  private FirstTasks() {}

  static void expect(int queues) {
    expected = queues;
  }

  static void reached(String taskQueue) {
    if (REACHED.add(taskQueue) && REACHED.size() == expected) {
      // Uptime, then the process's own CPU so far: on a shared machine wall time mostly measures waiting for a core.
      long cpuMs = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
          .getProcessCpuTime() / 1_000_000;
      System.out.println(ALL_POLLED + " " + ManagementFactory.getRuntimeMXBean().getUptime() + " " + cpuMs);
      System.out.flush();
      if (Boolean.getBoolean(EXIT_PROPERTY)) {
        // A training run for the class-data archive: the JVM writes it only when it exits normally.
        System.exit(0);
      }
    }
  }
}
