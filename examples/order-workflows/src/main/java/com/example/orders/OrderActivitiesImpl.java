package com.example.orders;

/**
 * Stand-ins for an inventory, a payment and a shipping service: each call takes a few milliseconds per
 * item, as a remote call would, and derives its answer from the order so a replay sees the same values.
 */
public final class OrderActivitiesImpl implements OrderActivities {
  private static final long CENTS_PER_ITEM = 1_299;

  @Override
  public String reserve(OrderRequest order) {
    work(2L * order.items());
    return "rsv-" + order.orderId();
  }

  @Override
  public long charge(OrderRequest order, String reservation) {
    work(5);
    return CENTS_PER_ITEM * order.items();
  }

  @Override
  public String ship(OrderRequest order) {
    work(3L * order.items());
    return "trk-" + Long.toHexString(order.orderId().hashCode() & 0xffffffffL) + "-" + order.customer();
  }

  private static void work(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
