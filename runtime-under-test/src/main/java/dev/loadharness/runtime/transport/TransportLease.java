package dev.loadharness.runtime.transport;

import io.temporal.serviceclient.WorkflowServiceStubs;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One holder's claim on a pooled transport. Closing it (idempotent) releases the claim; the
 * channel shuts down when its last lease closes.
 */
public final class TransportLease implements AutoCloseable {
  private final TransportPool pool;
  private final TransportKey key;
  private final WorkflowServiceStubs stubs;
  private final AtomicBoolean closed = new AtomicBoolean();

  TransportLease(TransportPool pool, TransportKey key, WorkflowServiceStubs stubs) {
    this.pool = pool;
    this.key = key;
    this.stubs = stubs;
  }

  /** The shared stubs; do not shut them down yourself. */
  public WorkflowServiceStubs stubs() {
    return stubs;
  }

  /** Which transport this lease holds. */
  public TransportKey key() {
    return key;
  }

  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      pool.release(key);
    }
  }
}
