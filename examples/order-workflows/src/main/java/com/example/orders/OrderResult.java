package com.example.orders;

/**
 * What processing an order produced.
 *
 * @param orderId the order
 * @param reservation the inventory reservation id
 * @param chargedCents the amount charged
 * @param trackingNumber the shipment's tracking number
 */
public record OrderResult(String orderId, String reservation, long chargedCents, String trackingNumber) {}
