package dev.loadharness.gatling.driver;

import com.google.common.util.concurrent.MoreExecutors;
import dev.loadharness.scenarios.server.ConnectionSettings;
import io.temporal.api.workflowservice.v1.DescribeNamespaceRequest;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The floor under the driver's CPU per workflow: the process CPU of one unary call (DescribeNamespace) on the
 * driver's own channel settings ({@link DriverStubs}), started at {@code rate} calls a second with at most
 * {@code concurrency} in flight, request compression off and on. At a load test's rates calls are far apart,
 * so each one wakes the transport's threads on its own; back to back they share wake-ups and cost less. Each
 * round is followed by as long a pause, whose CPU (the JVM's background) is taken off the round's. A workflow costs
 * the driver a start and one history long-poll per 20 s it stays open, so calls x this is what no driver code
 * above gRPC can go below. Run by {@code scripts/driver-cost calls}.
 * <p>The server is TEMPORAL_ADDRESS's (and the other TEMPORAL_* connection variables). Exit 0 measured, 2 bad
 * input or a failed call.
 */
@Command(name = "call-cost", mixinStandardHelpOptions = true,
    description = "The driver JVM's CPU per unary call at given call rates (scripts/driver-cost calls).")
public final class CallCostMain implements Callable<Integer> {
  @Option(names = "--calls", defaultValue = "1000", description = "calls per round; default ${DEFAULT-VALUE}")
  int calls;
  @Option(names = "--rate", split = ",", defaultValue = "100,1000",
      description = "offered calls per second, one setting each; default ${DEFAULT-VALUE}")
  List<Integer> rates;
  @Option(names = "--concurrency", defaultValue = "100", description = "most calls in flight; default ${DEFAULT-VALUE}")
  int concurrency;
  @Option(names = "--rounds", defaultValue = "4",
      description = "rounds per setting, the first only warms up; default ${DEFAULT-VALUE}")
  int rounds;

  public static void main(String[] args) {
    System.exit(new CommandLine(new CallCostMain()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    if (calls < 1) {
      return fail("--calls: " + calls + " is not a positive whole number");
    }
    if (concurrency < 1) {
      return fail("--concurrency: " + concurrency + " is not a positive whole number");
    }
    if (rates.stream().anyMatch(r -> r < 1)) {
      return fail("--rate: " + rates + " has a value that is not a positive whole number");
    }
    if (rounds < 2) {
      return fail("--rounds: " + rounds + " is too few: round 1 only warms up (at least 2)");
    }
    CommonPool.ensureParallel();
    ConnectionSettings connection;
    try {
      connection = ConnectionSettings.fromEnvironment(System.getenv());
    } catch (IllegalArgumentException e) {
      return fail(e.getMessage());
    }
    System.out.println("| offered calls/s | compression | rounds x calls | CPU per call less idle, median of rounds 2.. (ms) | calls/s |");
    System.out.println("|---|---|---|---|---|");
    for (int rate : rates) {
      for (String compression : List.of("none", "gzip")) {
        WorkflowServiceStubs stubs = DriverStubs.connect(connection, Map.of(DriverStubs.COMPRESSION, compression));
        try {
          double[] cpu = new double[rounds];
          double[] perSecond = new double[rounds];
          for (int r = 0; r < rounds; r++) {
            // Round 1 warms the JIT and the connection; it is printed in no figure.
            double[] result = round(stubs, connection.namespace(), calls, rate, concurrency);
            if (result == null) {
              return 2;
            }
            cpu[r] = result[0];
            perSecond[r] = result[1];
          }
          System.out.printf("| %d | %s | %d x %d | %.3f | %.0f |%n", rate, compression, rounds - 1, calls,
              median(cpu), median(perSecond));
        } finally {
          stubs.shutdownNow();
        }
      }
    }
    return 0;
  }

  /**
   * CPU ms per call and calls per second of {@code calls} calls at {@code rate}/s, {@code concurrency} in
   * flight; null (said why) when a call failed.
   */
  private static double[] round(WorkflowServiceStubs stubs, String namespace, int calls, int rate, int concurrency)
      throws InterruptedException {
    DescribeNamespaceRequest request = DescribeNamespaceRequest.newBuilder().setNamespace(namespace).build();
    Semaphore inFlight = new Semaphore(concurrency);
    CountDownLatch done = new CountDownLatch(calls);
    AtomicInteger failed = new AtomicInteger();
    long cpu0 = processCpuNanos();
    long t0 = System.nanoTime();
    long interval = 1_000_000_000L / rate;
    for (int i = 0; i < calls; i++) {
      long due = t0 + i * interval;
      for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
        java.util.concurrent.locks.LockSupport.parkNanos(wait);
      }
      inFlight.acquire();
      var call = stubs.futureStub().withExecutor(MoreExecutors.directExecutor())
          .withDeadlineAfter(10, TimeUnit.SECONDS).describeNamespace(request);
      call.addListener(() -> {
        try {
          call.get();
        } catch (Exception e) {
          failed.incrementAndGet();
        }
        inFlight.release();
        done.countDown();
      }, MoreExecutors.directExecutor());
    }
    done.await();
    long cpu = processCpuNanos() - cpu0;
    long wall = System.nanoTime() - t0;
    // The same time again with no call: the JVM's own background CPU (JIT, GC, timers), taken off the calls'.
    long idle0 = processCpuNanos();
    Thread.sleep(TimeUnit.NANOSECONDS.toMillis(wall));
    cpu -= processCpuNanos() - idle0;
    if (failed.get() > 0) {
      fail(failed.get() + " of " + calls + " calls failed (a rate limit? a lower --rate)");
      return null;
    }
    return new double[] {cpu / 1e6 / calls, calls / (wall / 1e9)};
  }

  private static double median(double[] rounds) {
    double[] after = java.util.Arrays.copyOfRange(rounds, 1, rounds.length);
    java.util.Arrays.sort(after);
    int n = after.length;
    return n % 2 == 1 ? after[n / 2] : (after[n / 2 - 1] + after[n / 2]) / 2;
  }

  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
  }

  private static int fail(String message) {
    System.err.println("call-cost: " + message);
    return 2;
  }
}
