package dev.loadharness.reports.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loadharness.reports.record.RunRecords;
import dev.loadharness.reports.record.Verdict;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The grid table reads comparison.json exactly as RuntimeComparisonRunner writes it. */
class AdaptiveGridTableTest {

  @TempDir
  Path dir;

  @Test
  void oneRowPerCellAndSettingWithTheCandidatesPairedRatios() throws IOException {
    List<ComparedRun> runs = List.of(
        RuntimeComparisonTest.run(1, "fixed", 10.0, 100, 40, Verdict.PASS),
        RuntimeComparisonTest.run(1, "adaptive", 12.0, 50, 40, Verdict.PASS),
        RuntimeComparisonTest.run(2, "fixed", 10.0, 200, 80, Verdict.PASS),
        RuntimeComparisonTest.run(2, "adaptive", 11.0, 100, 80, Verdict.PASS));
    Path file = dir.resolve("comparison.json");
    Files.writeString(file, RunRecords.mapper().writeValueAsString(
        Map.of("comparison", RuntimeComparison.of(runs, "adaptive"), "runs", List.of())));

    String table = AdaptiveGridTable.render(List.of(AdaptiveGridTable.read("b50 x1.5", file)));

    assertThat(table).contains("| b50 x1.5 | fixed | 2/2 | 10.0 (10.0–10.0) |");
    assertThat(table).contains("| b50 x1.5 | adaptive | 2/2 | 11.5 (11.0–12.0) |");
    assertThat(table).contains("1.15x (1.10–1.20) vs fixed, better");
    assertThat(table).contains("0.50x (0.50–0.50) vs fixed, better");
    assertThat(table).contains("1.00x (1.00–1.00) vs fixed, equal");
  }

  @Test
  void aFileWithoutAComparisonIsRejectedNamingIt() throws IOException {
    Path file = dir.resolve("run.json");
    Files.writeString(file, "{\"schema\": 1}");
    assertThatThrownBy(() -> AdaptiveGridTable.read("b0 x0.5", file))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("run.json");
  }
}
