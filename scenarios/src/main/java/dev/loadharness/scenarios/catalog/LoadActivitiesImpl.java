package dev.loadharness.scenarios.catalog;

import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.client.ActivityCompletionClient;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Activity implementations.
 *
 * <p>Why IO uses asynchronous completion: a real IO-bound activity (an HTTP call, a queue) spends its
 * time waiting. Sleeping on the activity thread would model a blocking client and cap IO concurrency at
 * the thread count; instead the activity returns its thread at once ({@code doNotCompleteOnReturn}) and a
 * scheduler completes it through {@link ActivityCompletionClient} after the wait, as a non-blocking
 * client's callback would. The activity slot stays accounted by the server's start-to-close timeout, and
 * a completion that cannot be delivered (worker killed) surfaces as a retried timeout, not a lost task.
 *
 * <p>Why CPU is sized in thread CPU time: on a shared machine wall-clock sizing would do less work when
 * the core is contended; measuring this thread's CPU time makes {@code cpuMs} the work actually done.
 */
public final class LoadActivitiesImpl implements LoadActivities {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private final ScheduledExecutorService completions;

  /** Uses one daemon scheduler thread for IO completions. */
  public LoadActivitiesImpl() {
    this.completions = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread thread = new Thread(r, "io-activity-completions");
      thread.setDaemon(true);
      return thread;
    });
  }

  @Override
  public long cpu(int cpuMs, long seed) {
    long budgetNanos = TimeUnit.MILLISECONDS.toNanos(InjectedSlowdown.scale(cpuMs));
    long begin = THREADS.getCurrentThreadCpuTime();
    long state = seed | 1;
    do {
      for (int i = 0; i < 20_000; i++) {
        state ^= state << 13;
        state ^= state >>> 7;
        state ^= state << 17;
        state = state * 0x9E3779B97F4A7C15L + i;
      }
    } while (THREADS.getCurrentThreadCpuTime() - begin < budgetNanos);
    return state;
  }

  @Override
  public String io(int ioMs) {
    if (ioMs <= 0) {
      return "io:0";
    }
    ActivityExecutionContext context = Activity.getExecutionContext();
    byte[] token = context.getTaskToken();
    ActivityCompletionClient client = context.getWorkflowClient().newActivityCompletionClient();
    context.doNotCompleteOnReturn();
    completions.schedule(() -> client.complete(token, "io:" + ioMs), InjectedSlowdown.scale(ioMs),
        TimeUnit.MILLISECONDS);
    return null;
  }

  @Override
  public String blockingIo(int blockingMs) {
    try {
      Thread.sleep(InjectedSlowdown.scale(blockingMs));
    } catch (InterruptedException e) {
      // The SDK interrupts activity threads when the worker shuts down now: give the thread back.
      Thread.currentThread().interrupt();
      throw Activity.wrap(e);
    }
    return "blocking:" + blockingMs;
  }

  @Override
  public String payload(int kilobytes, long seed) {
    StringBuilder text = new StringBuilder(kilobytes * 1024);
    long state = seed | 1;
    while (text.length() < kilobytes * 1024) {
      state = state * 6364136223846793005L + 1442695040888963407L;
      text.append(Long.toHexString(state));
    }
    text.setLength(kilobytes * 1024);
    return text.toString();
  }

  @Override
  public int echo(int value) {
    return value;
  }
}
