package dev.loadharness.gatling.driver;

import com.google.common.util.concurrent.MoreExecutors;
import dev.loadharness.scenarios.server.ConnectionSettings;
import io.temporal.api.workflowservice.v1.DescribeNamespaceRequest;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The floor under the driver's CPU per workflow: the process CPU of one unary call (DescribeNamespace) on the
 * driver's own channel settings ({@link DriverStubs}), started at {@code rate} calls a second with at most
 * {@code concurrency} in flight, request compression off and on. At a load test's rates calls are far apart,
 * so each one wakes the transport's threads on its own; back to back they share wake-ups and cost less. Each
 * round is followed by as long a pause, whose CPU (the JVM's background) is taken off the round's. A workflow costs
 * the driver a start and one history long-poll per 20 s it stays open, so calls x this is what no driver code
 * above gRPC can go below. Run by {@code scripts/driver-cost calls}.
 * <p>Arguments: {@code --calls N --rate R[,R...] --concurrency C --rounds R}; the server from TEMPORAL_ADDRESS.
 */
public final class CallCostMain {
  private CallCostMain() {}

  public static void main(String[] args) throws Exception {
    int calls = 1000;
    int rounds = 4;
    int concurrency = 100;
    List<Integer> rates = List.of(100, 1000);
    for (int i = 0; i < args.length; i++) {
      String value = i + 1 < args.length ? args[i + 1] : "";
      switch (args[i]) {
        case "--calls" -> calls = positive("--calls", value);
        case "--rounds" -> {
          rounds = positive("--rounds", value);
          if (rounds < 2) {
            fail("--rounds: " + rounds + " is too few: round 1 only warms up (at least 2)");
          }
        }
        case "--concurrency" -> concurrency = positive("--concurrency", value);
        case "--rate" -> {
          List<Integer> list = new ArrayList<>();
          for (String r : value.split(",")) {
            list.add(positive("--rate", r.trim()));
          }
          rates = list;
        }
        default -> fail("unknown argument \"" + args[i] + "\" (allowed: --calls N, --rate R[,R...], --concurrency C, --rounds R)");
      }
      i++;
    }
    CommonPool.ensureParallel();
    ConnectionSettings connection = ConnectionSettings.fromEnvironment(System.getenv());
    System.out.println("| offered calls/s | compression | rounds x calls | CPU per call less idle, median of rounds 2.. (ms) | calls/s |");
    System.out.println("|---|---|---|---|---|");
    for (int rate : rates) {
      for (String compression : List.of("none", "gzip")) {
        WorkflowServiceStubs stubs = WorkflowServiceStubs.newServiceStubs(
            DriverStubs.options(connection, Map.of(DriverStubs.COMPRESSION, compression)).build());
        try {
          double[] cpu = new double[rounds];
          double[] perSecond = new double[rounds];
          for (int r = 0; r < rounds; r++) {
            // Round 1 warms the JIT and the connection; it is printed in no figure.
            double[] result = round(stubs, connection.namespace(), calls, rate, concurrency);
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
  }

  /** CPU ms per call and calls per second of {@code calls} calls at {@code rate}/s, {@code concurrency} in flight. */
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

  private static int positive(String name, String value) {
    try {
      int n = Integer.parseInt(value);
      if (n > 0) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    fail(name + ": \"" + value + "\" is not a positive whole number");
    return 0;
  }

  private static void fail(String message) {
    System.err.println("call-cost: " + message);
    System.exit(2);
  }
}
