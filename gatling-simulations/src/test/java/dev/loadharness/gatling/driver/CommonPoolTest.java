package dev.loadharness.gatling.driver;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class CommonPoolTest {

  @Test
  void parallelismIsTheJdkDefaultButNeverBelowTwo() {
    assertThat(CommonPool.parallelism(1)).isEqualTo(2);
    assertThat(CommonPool.parallelism(2)).isEqualTo(2);
    assertThat(CommonPool.parallelism(3)).isEqualTo(2);
    assertThat(CommonPool.parallelism(16)).isEqualTo(15);
  }

  /** On 2 processors an async stage without an executor runs on a new thread, unless the pool was made parallel. */
  @Test
  void onTwoProcessorsAsyncStagesRunOnTheCommonPoolOnlyAfterEnsureParallel() throws Exception {
    assertThat(probe("off")).startsWith("Thread-");
    assertThat(probe("on")).startsWith("ForkJoinPool.commonPool-worker-");
  }

  private static String probe(String mode) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p = new ProcessBuilder(java, "-XX:ActiveProcessorCount=2", "-cp", System.getProperty("java.class.path"),
        Probe.class.getName(), mode).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    return out;
  }

  /** Prints the name of the thread an executor-less async stage ran on. */
  public static final class Probe {
    public static void main(String[] args) throws Exception {
      if (args[0].equals("on")) {
        CommonPool.ensureParallel().ifPresent(w -> {
          throw new IllegalStateException(w);
        });
      }
      System.out.println(CompletableFuture.supplyAsync(() -> Thread.currentThread().getName()).get());
    }
  }
}
