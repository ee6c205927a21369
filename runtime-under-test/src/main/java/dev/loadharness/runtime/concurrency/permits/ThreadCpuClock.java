package dev.loadharness.runtime.concurrency.permits;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/** The calling thread's CPU time, for measuring how much of a task's service time was CPU. */
@FunctionalInterface
public interface ThreadCpuClock {

  /** A clock that never knows (every task's CPU time stays unknown). */
  ThreadCpuClock NONE = () -> -1;

  /** CPU time of the calling thread in nanoseconds, or a negative value when unknown. */
  long currentThreadCpuNanos();

  /** The JVM's thread CPU time, or {@link #NONE} where the JVM does not support or has disabled it. */
  static ThreadCpuClock ofThisJvm() {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    if (!threads.isCurrentThreadCpuTimeSupported() || !threads.isThreadCpuTimeEnabled()) {
      return NONE;
    }
    return threads::getCurrentThreadCpuTime;
  }
}
