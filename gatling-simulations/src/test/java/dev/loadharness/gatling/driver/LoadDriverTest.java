package dev.loadharness.gatling.driver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loadharness.scenarios.spec.ScenarioSpecs;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

class LoadDriverTest {

  private static LoadDriver driver() {
    // The client is only stored: unlessAborted never calls it.
    return new LoadDriver(null, "q", "run-wf-", ScenarioSpecs.load("smoke"), 42L, 4);
  }

  @Test
  void aResultPassesThroughWithItsValueOrItsFailure() throws Exception {
    try (LoadDriver driver = driver()) {
      CompletableFuture<Object> ok = new CompletableFuture<>();
      CompletableFuture<Object> waiting = driver.unlessAborted(ok);
      ok.complete("done");
      assertThat(waiting.get()).isEqualTo("done");

      CompletableFuture<Object> bad = new CompletableFuture<>();
      CompletableFuture<Object> failing = driver.unlessAborted(bad);
      bad.completeExceptionally(new IllegalStateException("boom"));
      assertThatThrownBy(failing::get).isInstanceOf(ExecutionException.class).hasRootCauseMessage("boom");
    }
  }

  @Test
  void anAbortReleasesEveryWaitingResultAndEveryLaterOne() {
    try (LoadDriver driver = driver()) {
      CompletableFuture<Object> never = new CompletableFuture<>();
      CompletableFuture<Object> first = driver.unlessAborted(never);
      CompletableFuture<Object> second = driver.unlessAborted(new CompletableFuture<>());
      assertThat(first).isNotDone();

      driver.abort("server gone");
      driver.abort("a later reason");

      for (CompletableFuture<Object> released : java.util.List.of(first, second, driver.unlessAborted(never))) {
        assertThatThrownBy(released::join).isInstanceOf(CancellationException.class)
            .hasMessage("run aborted: server gone");
      }
      // The SDK's own future is left alone: its long poll ends by itself.
      assertThat(never).isNotDone();
    }
  }
}
