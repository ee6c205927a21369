package dev.loadharness.runtime.concurrency.simulation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Writes the policy comparison table to {@code target/concurrency-simulation.md}; docs/concurrency.md
 * quotes it. Reproduce: {@code mvn -B -o test -pl runtime-under-test -Dtest=SimulationReportTest}.
 */
class SimulationReportTest {

  @Test
  void writesTheComparisonTableAndIsDeterministic() throws IOException {
    List<SimulationResult> results = SimulationReport.runAll(SimulationReport.SEED);
    String table = SimulationReport.markdown(results, SimulationReport.SEED);
    assertThat(SimulationReport.markdown(SimulationReport.runAll(SimulationReport.SEED), SimulationReport.SEED))
        .as("same seed, same table")
        .isEqualTo(table);
    Path out = Path.of("target", "concurrency-simulation.md");
    Files.createDirectories(out.getParent());
    Files.writeString(out, table);
    System.out.println(table);
    assertThat(results).hasSize(9);
  }

  @Test
  void writesTheMixedWorkloadTable() throws IOException {
    String table = MixedSimulationReport.markdown(MixedSimulationReport.runAll(SimulationReport.SEED), SimulationReport.SEED);
    Path out = Path.of("target", "concurrency-simulation-mixed.md");
    Files.createDirectories(out.getParent());
    Files.writeString(out, table);
    System.out.println(table);
  }
}
