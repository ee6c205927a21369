package dev.loadharness.gatling.capacity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loadharness.scenarios.spec.WorkerSettings;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Sweep and SLO arguments: the cells they make, and a one-line error for each kind of bad value. */
class SweepTest {
  static final WorkerSettings BASE = new WorkerSettings(1, WorkerSettings.RuntimeMode.FIXED, 10, 14, 2, 2, 600,
      Optional.empty());

  @Test
  void everyCombinationIsOneCellFirstDimensionSlowest() {
    Sweep sweep = Sweep.parse(List.of("workers=1..2", "activity_slots=8,16"));
    assertThat(sweep.cells(BASE)).extracting(Sweep.Cell::label).containsExactly(
        "workers=1 slots=10/8", "workers=1 slots=10/16", "workers=2 slots=10/8", "workers=2 slots=10/16");
    assertThat(sweep.cells(BASE).get(3).workers().processes()).isEqualTo(2);
    assertThat(Sweep.parse(List.of()).cells(BASE)).extracting(Sweep.Cell::label).containsExactly("workers=1 slots=10/14");
  }

  @Test
  void badSweepsNameTheArgumentAndWhatIsAllowed() {
    assertThatThrownBy(() -> Sweep.parse(List.of("threads=1,2")))
        .hasMessage("--sweep \"threads=1,2\": unknown dimension \"threads\"; known: workers, workflow_slots, activity_slots");
    assertThatThrownBy(() -> Sweep.parse(List.of("workers")))
        .hasMessageStartingWith("--sweep \"workers\": expected dimension=v1,v2,.. or dimension=a..b");
    assertThatThrownBy(() -> Sweep.parse(List.of("workers=0,1")))
        .hasMessage("--sweep \"workers=0,1\": workers 0 is not allowed; 1 to 16");
    assertThatThrownBy(() -> Sweep.parse(List.of("workers=3..1")))
        .hasMessage("--sweep \"workers=3..1\": a range is a..b with a <= b and at most 16 values");
    assertThatThrownBy(() -> Sweep.parse(List.of("activity_slots=8,x")))
        .hasMessage("--sweep \"activity_slots=8,x\": \"x\" is not a whole number");
    assertThatThrownBy(() -> Sweep.parse(List.of("workers=1", "workers=2")))
        .hasMessageStartingWith("--sweep workers is given twice");
    assertThatThrownBy(() -> Sweep.parse(List.of("workers=1..4", "activity_slots=1..4")))
        .hasMessage("--sweep: 16 combinations is more than 12 (each is a whole knee search); sweep fewer values");
  }

  @Test
  void slosParseIntoTheSpecsThresholdModel() {
    assertThat(Slos.parse(List.of("end_to_end_p95_ms<2000", "completed_ratio >= 0.99")))
        .extracting(s -> s.name()).containsExactly("end_to_end_p95_ms < 2000", "completed_ratio >= 0.990");
    assertThatThrownBy(() -> Slos.parse(List.of("e2e<5")))
        .hasMessageStartingWith("--slo \"e2e<5\": unknown metric \"e2e\"; known: poll_p95_ms,");
    assertThatThrownBy(() -> Slos.parse(List.of("end_to_end_p95_ms~5")))
        .hasMessageStartingWith("--slo \"end_to_end_p95_ms~5\": expected metric<limit");
    assertThatThrownBy(() -> Slos.parse(List.of("end_to_end_p95_ms<fast")))
        .hasMessage("--slo \"end_to_end_p95_ms<fast\": limit \"fast\" is not a number");
  }
}
