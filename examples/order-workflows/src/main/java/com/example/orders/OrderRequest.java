package com.example.orders;

/**
 * One order as a client submits it.
 *
 * @param orderId unique id
 * @param customer customer number
 * @param items how many items to reserve and ship
 * @param note free text carried through (the load spec fills it with a payload of a given size)
 */
public record OrderRequest(String orderId, long customer, int items, String note) {
  public OrderRequest {
    if (orderId == null || orderId.isBlank()) {
      throw new IllegalArgumentException("orderId must be non-blank");
    }
    if (items < 1 || items > 100) {
      throw new IllegalArgumentException("items must be 1..100, got " + items);
    }
  }
}
