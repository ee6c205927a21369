package dev.loadharness.gatling.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loadharness.gatling.runner.RuntimeComparisonRunner.Comparison;
import dev.loadharness.scenarios.spec.WorkerSettings.RuntimeMode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The comparison's run order and its input checks, none of which start a server. */
class RuntimeComparisonRunnerTest {
  private static final List<RuntimeMode> FOUR = List.of(RuntimeMode.FIXED, RuntimeMode.SDK_RESOURCE_BASED,
      RuntimeMode.SDK_POLLER_AUTOSCALING, RuntimeMode.ADAPTIVE);

  @Test
  void everyRoundRunsEverySettingOnceAndEachSettingTakesEachPositionOnce() {
    Comparison comparison = new Comparison(RunOptions.of("smoke"), FOUR, 4, RuntimeMode.ADAPTIVE);

    for (int round = 1; round <= 4; round++) {
      assertThat(comparison.order(round)).containsExactlyInAnyOrderElementsOf(FOUR);
    }
    for (int position = 0; position < 4; position++) {
      int p = position;
      assertThat(List.of(1, 2, 3, 4).stream().map(r -> comparison.order(r).get(p)).toList())
          .containsExactlyInAnyOrderElementsOf(FOUR);
    }
  }

  @Test
  void repeatedSettingsAndZeroRoundsAreRefused() {
    assertThatThrownBy(() -> new Comparison(RunOptions.of("smoke"),
        List.of(RuntimeMode.FIXED, RuntimeMode.FIXED), 1, RuntimeMode.ADAPTIVE))
        .hasMessageContaining("--compare needs distinct runtime settings, got [FIXED, FIXED]");
    assertThatThrownBy(() -> new Comparison(RunOptions.of("smoke"), FOUR, 0, RuntimeMode.ADAPTIVE))
        .hasMessage("--rounds must be >= 1, got 0");
  }

  @Test
  void anUnknownSettingExitsTwoListingTheKnownOnes(@TempDir Path runs) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream previous = System.out;
    int exit;
    try {
      System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
      exit = new CommandLine(new LoadMain()).execute("smoke", "--compare", "fixed,turbo", "--out", runs.toString());
    } finally {
      System.setOut(previous);
    }
    assertThat(exit).isEqualTo(2);
    assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("--compare: unknown runtime setting \"turbo\"; "
        + "known: all, fixed, adaptive, sdk-resource-based, sdk-poller-autoscaling, plain-sdk");
    assertThat(runs).isEmptyDirectory();
  }

  @Test
  void aBadSpecExitsTwoBeforeAnyServerStarts(@TempDir Path runs) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int exit = new RuntimeComparisonRunner(new PrintStream(bytes, true, StandardCharsets.UTF_8)).run(
        new Comparison(RunOptions.of("src/test/resources/specs/bad.yaml").withOut(runs), FOUR, 1,
            RuntimeMode.ADAPTIVE));
    assertThat(exit).isEqualTo(2);
    assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("thresholds[2].metric: unknown metric");
    assertThat(runs).isEmptyDirectory();
  }
}
