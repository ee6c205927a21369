package dev.loadharness.gatling.driver;

import java.util.Optional;
import java.util.concurrent.ForkJoinPool;

/**
 * Keeps the JDK's common fork-join pool parallel on small machines. With fewer than three processors the pool's
 * parallelism is 1, and then {@code CompletableFuture}'s async stages without an executor run on a new thread
 * per stage; the Temporal SDK's result long-poll chains such stages, so on a 2-CPU machine (or a 1-CPU driver
 * pod) the driver started about seven threads per workflow (11,387 in one 1,600-workflow run, seen with JFR's
 * ThreadStart events). The property must be set before anything touches {@code ForkJoinPool}, so the driver's
 * entry points call {@link #ensureParallel} first.
 */
public final class CommonPool {
  /** The JDK's property for the common pool's parallelism. */
  public static final String PROPERTY = "java.util.concurrent.ForkJoinPool.common.parallelism";

  private CommonPool() {}

  /**
   * Sets the common pool's parallelism to {@link #parallelism} unless the property is already given; returns a
   * warning when the pool was created before this call and is still serial, else empty.
   */
  public static Optional<String> ensureParallel() {
    if (System.getProperty(PROPERTY) == null) {
      System.setProperty(PROPERTY, Integer.toString(parallelism(Runtime.getRuntime().availableProcessors())));
    }
    return ForkJoinPool.getCommonPoolParallelism() > 1 ? Optional.empty()
        : Optional.of("the common fork-join pool has parallelism " + ForkJoinPool.getCommonPoolParallelism()
            + ": asynchronous SDK calls will start a thread each; start the JVM with -D" + PROPERTY + "=2");
  }

  /** The JDK's default (processors - 1), but at least 2 so async stages never fall back to a thread each. */
  static int parallelism(int processors) {
    return Math.max(2, processors - 1);
  }
}
