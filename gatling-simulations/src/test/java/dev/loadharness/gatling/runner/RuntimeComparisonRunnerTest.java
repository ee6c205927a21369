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
  void overFourRoundsEverySettingFollowsEveryOtherOnce() {
    Comparison comparison = new Comparison(RunOptions.of("smoke"), FOUR, 4, RuntimeMode.ADAPTIVE);

    java.util.Map<List<RuntimeMode>, Integer> pairs = new java.util.HashMap<>();
    for (int round = 1; round <= 4; round++) {
      List<RuntimeMode> order = comparison.order(round);
      for (int i = 1; i < order.size(); i++) {
        pairs.merge(List.of(order.get(i - 1), order.get(i)), 1, Integer::sum);
      }
    }
    // 4 x 3 ordered pairs, each once: no setting always runs after the same one (a rotation by one would).
    assertThat(pairs).hasSize(12).allSatisfy((pair, count) -> assertThat(count).as(pair.toString()).isEqualTo(1));
    assertThat(comparison.order(1)).containsExactly(RuntimeMode.FIXED, RuntimeMode.SDK_RESOURCE_BASED,
        RuntimeMode.ADAPTIVE, RuntimeMode.SDK_POLLER_AUTOSCALING);
  }

  @Test
  void oddArmCountsAreBalancedOverTwiceAsManyRounds() {
    List<String> three = List.of("a", "b", "c");
    java.util.Map<List<String>, Integer> pairs = new java.util.HashMap<>();
    java.util.Map<String, java.util.Set<Integer>> positions = new java.util.HashMap<>();
    for (int round = 1; round <= 6; round++) {
      List<String> order = InterleavedRounds.rotated(three, round);
      assertThat(order).containsExactlyInAnyOrderElementsOf(three);
      for (int i = 0; i < order.size(); i++) {
        positions.computeIfAbsent(order.get(i), k -> new java.util.HashSet<>()).add(i);
        if (i > 0) {
          pairs.merge(List.of(order.get(i - 1), order.get(i)), 1, Integer::sum);
        }
      }
    }
    assertThat(pairs).hasSize(6).allSatisfy((pair, count) -> assertThat(count).as(pair.toString()).isEqualTo(2));
    assertThat(positions).allSatisfy((arm, at) -> assertThat(at).containsExactlyInAnyOrder(0, 1, 2));
    assertThat(InterleavedRounds.rotated(List.of("head", "base"), 2)).containsExactly("base", "head");
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
