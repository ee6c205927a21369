package dev.loadharness.jmh;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Runs {@code scripts/jmh --check} (the nightly job's {@code --quick} in one JVM, TLS rows only) on the jar
 * this build just shaded, so every benchmark method is proven to execute (set-up, benchmark method,
 * tear-down) in every {@code mvn verify}, and the JSON it writes is the format the reports module reads.
 */
class JmhQuickIT {
  private static final Path MODULE = Path.of("").toAbsolutePath();
  private static final Path ROOT = MODULE.getParent();

  @Test
  void everyBenchmarkRunsAndReportsAFiniteScore() throws Exception {
    Path out = MODULE.resolve("target/jmh-quick");
    Process process =
        new ProcessBuilder(ROOT.resolve("scripts/jmh").toString(), "--check", "--no-build", "--out", out.toString())
            .directory(ROOT.toFile())
            .redirectErrorStream(true)
            .redirectOutput(MODULE.resolve("target/jmh-quick.log").toFile())
            .start();
    boolean finished = process.waitFor(15, TimeUnit.MINUTES);
    if (!finished) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
    }
    assertThat(finished).as("scripts/jmh --check finished within 15 minutes").isTrue();
    assertThat(process.exitValue()).as("exit code; see target/jmh-quick.log").isZero();

    JsonNode results = new ObjectMapper().readTree(out.resolve("jmh.json").toFile());
    Set<String> measured = new TreeSet<>();
    for (JsonNode result : results) {
      double score = result.path("primaryMetric").path("score").asDouble(Double.NaN);
      assertThat(Double.isFinite(score)).as("score of %s", result.path("benchmark").asText()).isTrue();
      measured.add(result.path("benchmark").asText());
    }
    assertThat(measured).containsExactlyInAnyOrderElementsOf(listedBenchmarks());
  }

  /** What the jar says it contains: {@code java -jar benchmarks.jar -l}. */
  private static List<String> listedBenchmarks() throws IOException, InterruptedException {
    Process list =
        new ProcessBuilder("java", "-jar", MODULE.resolve("target/benchmarks.jar").toString(), "-l")
            .redirectErrorStream(true)
            .start();
    String text = new String(list.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(list.waitFor(2, TimeUnit.MINUTES)).isTrue();
    List<String> names = text.lines().filter(line -> line.startsWith("dev.loadharness.jmh.")).toList();
    assertThat(names).isNotEmpty();
    return names;
  }
}
