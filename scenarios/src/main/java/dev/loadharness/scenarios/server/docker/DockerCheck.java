package dev.loadharness.scenarios.server.docker;

import java.util.Objects;

/**
 * What the bounded probe found for one image.
 *
 * @param state whether an engine answered and whether it holds the image
 * @param image the image asked about
 * @param detail why, in words fit for a one-line message
 */
public record DockerCheck(State state, String image, String detail) {

  /** The three answers selection needs. */
  public enum State {
    /** No engine answered (none configured, refused, or silent past the bound). */
    NO_ENGINE,
    /** An engine answered but does not hold the image locally. */
    IMAGE_ABSENT,
    /** An engine answered and holds the image: Testcontainers can start it without a registry. */
    READY
  }

  /** The command that builds the local image, named in every message about a missing image. */
  public static final String BUILD_COMMAND = "scripts/build-temporal-image";

  public DockerCheck {
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(image, "image");
    Objects.requireNonNull(detail, "detail");
  }

  public boolean ready() {
    return state == State.READY;
  }

  /** How to get a missing Temporal server image, for messages. */
  public static String howToGet(String image) {
    return "build a local image with " + BUILD_COMMAND + " and set TEMPORAL_IMAGE (or -Dtemporal.image) to the tag it prints, "
        + "or docker pull " + image + " where a registry is reachable";
  }
}
