package dev.loadharness.gatling.driver;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Retries of one asynchronous gRPC call with the Temporal SDK's default rules (the codes it never retries, a
 * longer first backoff on {@code RESOURCE_EXHAUSTED}, exponential backoff with jitter, an expiration), but the
 * first attempt runs on the caller's thread: the SDK's own async retryer hands every attempt, the first one
 * too, to its one throttler thread, a thread switch per call that cost the driver 7% of its CPU. Only a
 * failed attempt waits on {@link #TIMER}.
 */
public record RpcRetry(Duration initialInterval, Duration congestionInterval, Duration maximumInterval,
    double backoff, Duration expiration) {

  /** The SDK's defaults for a unary call such as a start (DefaultStubServiceOperationRpcRetryOptions). */
  public static final RpcRetry UNARY = new RpcRetry(Duration.ofMillis(100), Duration.ofSeconds(1),
      Duration.ofSeconds(5), 1.7, Duration.ofMinutes(1));
  /** The SDK's defaults for a history long-poll (DefaultStubLongPollRpcRetryOptions); it expires with its deadline. */
  public static final RpcRetry LONG_POLL = new RpcRetry(Duration.ofMillis(200), Duration.ofSeconds(1),
      Duration.ofSeconds(10), 1.7, Duration.ofDays(1));

  private static final double JITTER = 0.2;
  private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "rpc-retry");
    t.setDaemon(true);
    return t;
  });

  public RpcRetry {
    if (initialInterval.isNegative() || initialInterval.isZero() || congestionInterval.compareTo(initialInterval) < 0
        || maximumInterval.compareTo(congestionInterval) < 0 || backoff < 1 || expiration.isNegative()) {
      throw new IllegalArgumentException("retry intervals must be positive and ordered initial <= congestion <= maximum,"
          + " backoff >= 1: " + initialInterval + ", " + congestionInterval + ", " + maximumInterval + ", " + backoff);
    }
  }

  /** Whether a call that failed with {@code code} is tried again (the SDK's GrpcRetryerUtils rules). */
  public static boolean retryable(Status.Code code) {
    return switch (code) {
      case CANCELLED, INVALID_ARGUMENT, NOT_FOUND, ALREADY_EXISTS, FAILED_PRECONDITION, PERMISSION_DENIED,
          UNAUTHENTICATED, UNIMPLEMENTED -> false;
      default -> true;
    };
  }

  /** The wait before attempt {@code attempt + 1} after attempt {@code attempt} (1-based) failed with {@code code}, jitter left out. */
  public long backoffMillis(int attempt, Status.Code code) {
    double first = (code == Status.Code.RESOURCE_EXHAUSTED ? congestionInterval : initialInterval).toMillis();
    return (long) Math.min(maximumInterval.toMillis(), first * Math.pow(backoff, attempt - 1));
  }

  /**
   * {@code call}'s result, tried again on a retryable status until it succeeds, fails for good, or the next
   * attempt would start after {@code deadlineNanos} (System.nanoTime) or this policy's expiration.
   */
  public <T> CompletableFuture<T> run(Supplier<CompletableFuture<T>> call, long deadlineNanos) {
    CompletableFuture<T> result = new CompletableFuture<>();
    long expiresNanos = Math.min(deadlineNanos, System.nanoTime() + Math.min(expiration.toNanos(), Long.MAX_VALUE / 4));
    attempt(call, 1, expiresNanos, result);
    return result;
  }

  private <T> void attempt(Supplier<CompletableFuture<T>> call, int attempt, long expiresNanos,
      CompletableFuture<T> result) {
    CompletableFuture<T> outcome;
    try {
      outcome = call.get();
    } catch (RuntimeException e) {
      outcome = CompletableFuture.failedFuture(e);
    }
    outcome.whenComplete((value, error) -> {
      if (error == null) {
        result.complete(value);
        return;
      }
      Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
      if (!(cause instanceof StatusRuntimeException status) || !retryable(status.getStatus().getCode())) {
        result.completeExceptionally(cause);
        return;
      }
      long wait = backoffMillis(attempt, status.getStatus().getCode());
      wait += (long) (wait * JITTER * (ThreadLocalRandom.current().nextDouble() * 2 - 1));
      // nanoTime values are compared by their difference: only that is free of overflow.
      if (System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(wait) - expiresNanos >= 0) {
        result.completeExceptionally(cause);
        return;
      }
      TIMER.schedule(() -> attempt(call, attempt + 1, expiresNanos, result), wait, TimeUnit.MILLISECONDS);
    });
  }
}
