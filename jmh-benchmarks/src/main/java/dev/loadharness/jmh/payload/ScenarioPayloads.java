package dev.loadharness.jmh.payload;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Seeded payloads shaped like what scenario workflows pass around: an order-like record with ids,
 * amounts, statuses and free text, repeated items up to the target JSON size.
 */
public final class ScenarioPayloads {
  private static final String[] STATUSES = {"PENDING", "RESERVED", "SHIPPED", "DELIVERED", "RETURNED"};
  private static final String[] WORDS = {
    "inventory", "warehouse", "customer", "priority", "express", "fragile", "refund", "batch", "region",
    "invoice", "carrier", "tracking", "delay", "signature", "pallet", "backorder"
  };

  private static final ObjectMapper JSON = new ObjectMapper();

  private ScenarioPayloads() {}

  /** One line of an order. */
  public record Item(String sku, int quantity, long priceCents, String status, String note) {}

  /** The payload: an id, a customer, and items. */
  public record Order(String orderId, String customerId, List<Item> items) {}

  /** An order whose JSON form is about {@code approxBytes} long. */
  public static Order order(int approxBytes, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    List<Item> items = new ArrayList<>();
    int size = 80;
    while (size < approxBytes) {
      Item item =
          new Item(
              "SKU-" + (100_000 + random.nextInt(900_000)),
              1 + random.nextInt(20),
              random.nextLong(100, 1_000_000),
              STATUSES[random.nextInt(STATUSES.length)],
              WORDS[random.nextInt(WORDS.length)] + " " + WORDS[random.nextInt(WORDS.length)]);
      items.add(item);
      size += jsonLength(item) + 1; // the comma between items
    }
    return new Order("order-" + seed, "customer-" + random.nextInt(10_000), items);
  }

  private static int jsonLength(Item item) {
    try {
      return JSON.writeValueAsBytes(item).length;
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
