package dev.loadharness.gatling.driver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.Status;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RpcRetryTest {
  private static final RpcRetry FAST = new RpcRetry(Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(5),
      2, Duration.ofMinutes(1));

  @Test
  void theCodesTheSdkNeverRetriesAreFinalAndTheOthersAreRetried() {
    for (Status.Code code : new Status.Code[] {Status.Code.CANCELLED, Status.Code.INVALID_ARGUMENT,
        Status.Code.NOT_FOUND, Status.Code.ALREADY_EXISTS, Status.Code.FAILED_PRECONDITION,
        Status.Code.PERMISSION_DENIED, Status.Code.UNAUTHENTICATED, Status.Code.UNIMPLEMENTED}) {
      assertThat(RpcRetry.retryable(code)).as(code.name()).isFalse();
    }
    for (Status.Code code : new Status.Code[] {Status.Code.UNAVAILABLE, Status.Code.RESOURCE_EXHAUSTED,
        Status.Code.DEADLINE_EXCEEDED, Status.Code.INTERNAL, Status.Code.UNKNOWN, Status.Code.ABORTED}) {
      assertThat(RpcRetry.retryable(code)).as(code.name()).isTrue();
    }
  }

  @Test
  void backoffGrowsFromTheFirstIntervalUpToTheMaximumAndStartsLongerOnCongestion() {
    assertThat(RpcRetry.UNARY.backoffMillis(1, Status.Code.UNAVAILABLE)).isEqualTo(100);
    assertThat(RpcRetry.UNARY.backoffMillis(2, Status.Code.UNAVAILABLE)).isEqualTo(170);
    assertThat(RpcRetry.UNARY.backoffMillis(1, Status.Code.RESOURCE_EXHAUSTED)).isEqualTo(1000);
    assertThat(RpcRetry.UNARY.backoffMillis(30, Status.Code.UNAVAILABLE)).isEqualTo(5000);
    assertThat(RpcRetry.LONG_POLL.backoffMillis(30, Status.Code.UNAVAILABLE)).isEqualTo(10_000);
  }

  @Test
  void aRetryableFailureIsTriedAgainUntilTheCallSucceeds() throws Exception {
    AtomicInteger attempts = new AtomicInteger();
    String value = FAST.run(() -> attempts.incrementAndGet() < 4
        ? CompletableFuture.failedFuture(Status.UNAVAILABLE.asRuntimeException())
        : CompletableFuture.completedFuture("ok"), Long.MAX_VALUE).get(10, TimeUnit.SECONDS);
    assertThat(value).isEqualTo("ok");
    assertThat(attempts).hasValue(4);
  }

  @Test
  void theFirstAttemptRunsOnTheCallersThread() throws Exception {
    Thread caller = Thread.currentThread();
    Thread[] ran = new Thread[1];
    FAST.run(() -> {
      ran[0] = Thread.currentThread();
      return CompletableFuture.completedFuture(1);
    }, Long.MAX_VALUE).get(1, TimeUnit.SECONDS);
    assertThat(ran[0]).isSameAs(caller);
  }

  @Test
  void aFinalCodeOrAnotherExceptionFailsAtOnce() {
    AtomicInteger attempts = new AtomicInteger();
    assertThatThrownBy(() -> FAST.run(() -> {
      attempts.incrementAndGet();
      return CompletableFuture.failedFuture(Status.ALREADY_EXISTS.asRuntimeException());
    }, Long.MAX_VALUE).get(1, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class).hasMessageContaining("ALREADY_EXISTS");
    assertThat(attempts).hasValue(1);
    assertThatThrownBy(() -> FAST.run(() -> {
      throw new IllegalStateException("bad request");
    }, Long.MAX_VALUE).get(1, TimeUnit.SECONDS)).hasCauseInstanceOf(IllegalStateException.class);
  }

  @Test
  void retriesStopAtTheDeadlineWithTheLastFailure() {
    AtomicInteger attempts = new AtomicInteger();
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(500);
    assertThatThrownBy(() -> FAST.run(() -> {
      attempts.incrementAndGet();
      return CompletableFuture.failedFuture(Status.UNAVAILABLE.asRuntimeException());
    }, deadline).get(5, TimeUnit.SECONDS)).hasMessageContaining("UNAVAILABLE");
    assertThat(System.nanoTime() - deadline).isLessThan(TimeUnit.SECONDS.toNanos(2));
    assertThat(attempts.get()).isGreaterThan(1);
  }

  @Test
  void intervalsOutOfOrderAreRefused() {
    assertThatThrownBy(() -> new RpcRetry(Duration.ofSeconds(2), Duration.ofSeconds(1), Duration.ofSeconds(5), 2,
        Duration.ofMinutes(1))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ordered");
  }
}
