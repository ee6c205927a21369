package dev.loadharness.gatling.driver;

import dev.loadharness.scenarios.server.ConnectionSettings;
import io.temporal.serviceclient.GrpcCompression;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.util.Locale;
import java.util.Map;

/**
 * The driver side's connection options: the server's settings, with requests sent uncompressed unless
 * {@value #COMPRESSION} says {@code gzip}. The SDK gzips every request by default (and the server answers in
 * kind); a driver's requests are a few hundred bytes, so on a driver profile compressing and inflating them
 * was several percent of its CPU for no bandwidth worth saving. Workers keep the SDK's default.
 */
public final class DriverStubs {
  /** Environment variable: the driver's request compression, {@code none} (default) or {@code gzip}. */
  public static final String COMPRESSION = "TLH_DRIVER_GRPC_COMPRESSION";

  private DriverStubs() {}

  /** Stubs to {@code connection} with the driver's compression from {@code env}. */
  public static WorkflowServiceStubs connect(ConnectionSettings connection, Map<String, String> env) {
    return WorkflowServiceStubs.newServiceStubs(options(connection, env).build());
  }

  /** Stubs options for {@code connection} with the driver's compression from {@code env}. */
  public static WorkflowServiceStubsOptions.Builder options(ConnectionSettings connection, Map<String, String> env) {
    return connection.toStubsOptions().setGrpcCompression(compression(env.get(COMPRESSION)));
  }

  /** {@code value} as a compression; unset or blank is none. */
  static GrpcCompression compression(String value) {
    if (value == null || value.isBlank()) {
      return GrpcCompression.NONE;
    }
    return switch (value.trim().toLowerCase(Locale.ROOT)) {
      case "none" -> GrpcCompression.NONE;
      case "gzip" -> GrpcCompression.GZIP;
      default -> throw new IllegalArgumentException(COMPRESSION + ": \"" + value + "\" is not a compression (allowed: none, gzip)");
    };
  }
}
