package dev.loadharness.gatling.runner;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SensitivityTableTest {

  private static SensitivityTable table(int cleanPasses, int cleanRuns, int detected, int injectedRuns) {
    SensitivityTable t = new SensitivityTable("worker-load-128");
    for (int i = 0; i < cleanRuns; i++) {
      t.add(new SensitivityTable.Row(i + 1, "none", i < cleanPasses ? 0 : 1,
          i < cleanPasses ? List.of() : List.of("calibrated: end_to_end_p50_ms < 760")));
    }
    for (int i = 0; i < injectedRuns; i++) {
      t.add(new SensitivityTable.Row(i + 1, "workflow_task_delay_ms=50", i < detected ? 1 : 0,
          i < detected ? List.of("calibrated: end_to_end_p50_ms < 760") : List.of()));
    }
    return t;
  }

  @Test
  void nineteenOfTwentyMeetTheBarEighteenDoNot() {
    assertThat(table(19, 20, 19, 20).meetsBar()).isTrue();
    assertThat(table(18, 20, 20, 20).meetsBar()).as("two false alarms in 20").isFalse();
    assertThat(table(20, 20, 18, 20).meetsBar()).as("two misses in 20").isFalse();
  }

  @Test
  void anEnvironmentFailureIsNeitherAPassNorADetection() {
    SensitivityTable t = new SensitivityTable("s");
    t.add(new SensitivityTable.Row(1, "lose_workflows=1", 2, List.of()));
    t.add(new SensitivityTable.Row(1, "none", 2, List.of()));
    assertThat(t.rate("lose_workflows=1")).isZero();
    assertThat(t.rate("none")).isZero();
    assertThat(t.anyErrors()).isTrue();
    assertThat(t.meetsBar()).isFalse();
  }

  @Test
  void theTableCountsEachCaseAndTheBarsThatFailed() {
    String md = table(19, 20, 20, 20).markdown();
    assertThat(md).contains("| unchanged | 20 | 19 | 1 | 0 | passed 19/20, false alarms 1 | calibrated: end_to_end_p50_ms < 760 (1) |");
    assertThat(md).contains("| workflow_task_delay_ms=50 | 20 | 0 | 20 | 0 | detected 20/20 | calibrated: end_to_end_p50_ms < 760 (20) |");
  }

  @Test
  void everyCaseLeadsOneRoundInTurn() {
    assertThat(SensitivityMain.rotated(1).get(0)).isEqualTo("none");
    assertThat(SensitivityMain.rotated(2).get(0)).isEqualTo("activity_slowdown=2.0");
    assertThat(SensitivityMain.rotated(6)).isEqualTo(SensitivityMain.CASES);
  }
}
