package dev.loadharness.scenarios.server.docker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Asks a Docker engine, within seconds, whether it answers and whether it holds an image, before
 * Testcontainers is asked anything. Testcontainers' own check pulls helper images (ryuk, alpine) and
 * retries; with an engine but no registry it blocked about 7 minutes before giving up. This probe
 * never pulls unless told to, and every call is bounded.
 */
public final class DockerProbe {
  /** The bound on ping and image inspection. */
  public static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(3);
  /** A pull that sends nothing for this long is given up (an unreachable registry stalls silently). */
  public static final Duration PULL_IDLE_TIMEOUT = Duration.ofSeconds(10);

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Optional<DockerEndpoint> endpoint;
  private final String whyNone;
  private final Duration answerTimeout;

  public DockerProbe(DockerEndpoint.Resolution resolution, Duration answerTimeout) {
    this.endpoint = resolution.endpoint();
    this.whyNone = resolution.whyNone();
    this.answerTimeout = answerTimeout;
  }

  /** The probe for this process's environment. */
  public static DockerProbe fromEnvironment(Map<String, String> env) {
    return new DockerProbe(DockerEndpoint.resolve(env), ANSWER_TIMEOUT);
  }

  /** Whether an engine answers {@code /_ping} and holds {@code image}; never pulls. */
  public DockerCheck check(String image) {
    if (endpoint.isEmpty()) {
      return new DockerCheck(DockerCheck.State.NO_ENGINE, image, "no Docker engine: " + whyNone);
    }
    DockerApi api = new DockerApi(endpoint.get());
    try {
      DockerApi.Response ping = api.get("/_ping", answerTimeout);
      if (ping.status() != 200) {
        return noEngine(image, "answered /_ping with HTTP " + ping.status());
      }
      DockerApi.Response inspect = api.get("/images/" + image + "/json", answerTimeout);
      return switch (inspect.status()) {
        case 200 -> new DockerCheck(DockerCheck.State.READY, image, "the Docker engine at " + endpoint.get() + " has " + image);
        case 404 -> absent(image);
        default -> noEngine(image, "answered the inspection of " + image + " with HTTP " + inspect.status()
            + ": " + message(inspect.body()));
      };
    } catch (DockerApi.TimedOut e) {
      return noEngine(image, "gave " + e.getMessage());
    } catch (IOException e) {
      return noEngine(image, "could not be reached: " + e);
    }
  }

  /**
   * Pulls {@code image}, giving up when the engine reports an error, sends nothing for
   * {@link #PULL_IDLE_TIMEOUT}, or the pull takes longer than {@code total}.
   *
   * @return READY when the image is there afterwards, else IMAGE_ABSENT or NO_ENGINE with the reason
   */
  public DockerCheck pull(String image, Duration total) {
    return pull(image, PULL_IDLE_TIMEOUT, total);
  }

  DockerCheck pull(String image, Duration idle, Duration total) {
    if (endpoint.isEmpty()) {
      return new DockerCheck(DockerCheck.State.NO_ENGINE, image, "no Docker engine: " + whyNone);
    }
    AtomicReference<String> error = new AtomicReference<>();
    try {
      int status =
          new DockerApi(endpoint.get())
              .postStreaming(
                  "/images/create?fromImage=" + URLEncoder.encode(image, StandardCharsets.UTF_8),
                  idle,
                  total,
                  line -> {
                    String message = errorOf(line);
                    if (message != null) {
                      error.compareAndSet(null, message);
                    }
                  });
      if (status != 200 || error.get() != null) {
        return absent(image, "pulling it failed (HTTP " + status + ": " + Optional.ofNullable(error.get()).orElse("no error text") + ")");
      }
    } catch (DockerApi.TimedOut e) {
      return absent(image, "pulling it gave up: " + e.getMessage());
    } catch (IOException e) {
      return noEngine(image, "failed during the pull: " + e);
    }
    return check(image);
  }

  private DockerCheck noEngine(String image, String what) {
    return new DockerCheck(DockerCheck.State.NO_ENGINE, image, "the Docker engine at " + endpoint.get() + " (" + endpointSource() + ") " + what);
  }

  private String endpointSource() {
    return endpoint.map(DockerEndpoint::source).orElse("none");
  }

  private DockerCheck absent(String image) {
    return absent(image, "it is not present locally");
  }

  private DockerCheck absent(String image, String why) {
    return new DockerCheck(
        DockerCheck.State.IMAGE_ABSENT,
        image,
        "the Docker engine at " + endpoint.get() + " answered, but image " + image + " is missing: " + why);
  }

  /**
   * The gateway of the engine's default bridge network, empty when it has none; NO_ENGINE problems
   * surface as an exception with the reason.
   */
  public Optional<String> bridgeGateway() throws IOException {
    if (endpoint.isEmpty()) {
      throw new IOException("no Docker engine: " + whyNone);
    }
    DockerApi.Response bridge = new DockerApi(endpoint.get()).get("/networks/bridge", answerTimeout);
    if (bridge.status() != 200) {
      return Optional.empty();
    }
    JsonNode configs = JSON.readTree(bridge.body()).path("IPAM").path("Config");
    for (JsonNode config : configs) {
      String gateway = config.path("Gateway").asText("");
      if (!gateway.isBlank()) {
        return Optional.of(gateway);
      }
    }
    return Optional.empty();
  }

  /** Whether the endpoint is a local Unix socket (Testcontainers then resolves the host itself). */
  public boolean unixSocket() {
    return endpoint.map(e -> e.socket() != null).orElse(false);
  }

  /** The error text of a pull progress line ({"error": ...} or the body of a failed request), or null. */
  static String errorOf(String line) {
    try {
      JsonNode node = JSON.readTree(line);
      if (node != null && node.hasNonNull("error")) {
        return node.get("error").asText();
      }
      if (node != null && node.hasNonNull("message") && !node.has("status")) {
        return node.get("message").asText();
      }
      return null;
    } catch (IOException e) {
      return null;
    }
  }

  private static String message(String body) {
    String fromJson = errorOf(body.trim());
    return DockerApi.abbreviate(fromJson != null ? fromJson : body.trim());
  }
}
