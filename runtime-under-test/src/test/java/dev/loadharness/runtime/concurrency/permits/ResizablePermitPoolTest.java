package dev.loadharness.runtime.concurrency.permits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class ResizablePermitPoolTest {

  @Test
  void growingWakesWaitersInOrderAndShrinkingWaitsForReleases() {
    ResizablePermitPool<Object> pool = new ResizablePermitPool<>(1, Object::new);
    var first = pool.acquire();
    var second = pool.acquire();
    var third = pool.acquire();
    assertThat(first).isDone();
    assertThat(pool.waiting()).isEqualTo(2);

    pool.setLimit(2);
    assertThat(second).isDone();
    assertThat(third).isNotDone();

    pool.setLimit(1);
    pool.release();
    assertThat(third).as("issued 1 == limit 1 after one release").isNotDone();
    pool.release();
    assertThat(third).isDone();
    assertThat(pool.issued()).isEqualTo(1);
  }

  @Test
  void abortingAWaitingReservationFreesItsPlace() {
    ResizablePermitPool<Object> pool = new ResizablePermitPool<>(1, Object::new);
    pool.acquire();
    var aborted = pool.acquire();
    var next = pool.acquire();
    assertThat(aborted.abort()).isNull();
    assertThat(aborted).isCompletedExceptionally();
    assertThatThrownBy(aborted::join).isInstanceOf(CancellationException.class);
    assertThat(pool.waiting()).isEqualTo(1);
    pool.release();
    assertThat(next).isDone();
    assertThat(pool.issued()).isEqualTo(1);
  }

  @Test
  void abortAfterGrantReturnsThePermitToRelease() {
    ResizablePermitPool<Object> pool = new ResizablePermitPool<>(1, Object::new);
    var granted = pool.acquire();
    assertThat(granted.abort()).isSameAs(granted.join());
    assertThat(pool.issued()).isEqualTo(1);
  }

  @Test
  void tryAcquireDoesNotJumpTheQueue() {
    ResizablePermitPool<Object> pool = new ResizablePermitPool<>(1, Object::new);
    pool.acquire();
    pool.acquire();
    pool.setLimit(1);
    assertThat(pool.tryAcquire()).isEmpty();
  }

  @Test
  void neverOverIssuesUnderConcurrentReserveReleaseAbortAndResize() throws Exception {
    int maxLimit = 8;
    ResizablePermitPool<Object> pool = new ResizablePermitPool<>(4, Object::new);
    AtomicInteger held = new AtomicInteger();
    AtomicInteger peakHeld = new AtomicInteger();
    AtomicReference<String> violation = new AtomicReference<>();
    ConcurrentLinkedQueue<Throwable> errors = new ConcurrentLinkedQueue<>();
    int threads = 6;
    CountDownLatch done = new CountDownLatch(threads + 1);
    List<Thread> workers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      long seed = 42 + t;
      workers.add(new Thread(() -> {
        Random random = new Random(seed);
        try {
          for (int i = 0; i < 3_000; i++) {
            var waiter = pool.acquire();
            if (random.nextInt(4) == 0) {
              Object permit = waiter.abort();
              if (permit != null) {
                pool.release();
              }
              continue;
            }
            waiter.get(10, TimeUnit.SECONDS);
            int now = held.incrementAndGet();
            peakHeld.accumulateAndGet(now, Math::max);
            if (now > maxLimit) {
              violation.compareAndSet(null, "held " + now + " > max limit " + maxLimit);
            }
            if (random.nextBoolean()) {
              Thread.yield();
            }
            held.decrementAndGet();
            pool.release();
          }
        } catch (Throwable e) {
          errors.add(e);
        } finally {
          done.countDown();
        }
      }));
    }
    Thread resizer = new Thread(() -> {
      Random random = new Random(7);
      try {
        for (int i = 0; i < 2_000; i++) {
          pool.setLimit(1 + random.nextInt(maxLimit));
          Thread.yield();
        }
        pool.setLimit(maxLimit);
      } finally {
        done.countDown();
      }
    });
    workers.forEach(Thread::start);
    resizer.start();
    assertThat(done.await(60, TimeUnit.SECONDS)).as("all threads finished").isTrue();
    assertThat(errors).isEmpty();
    assertThat(violation.get()).isNull();
    assertThat(peakHeld.get()).isBetween(1, maxLimit);
    assertThat(pool.issued()).as("every permit returned").isZero();
    assertThat(pool.waiting()).isZero();
  }
}
