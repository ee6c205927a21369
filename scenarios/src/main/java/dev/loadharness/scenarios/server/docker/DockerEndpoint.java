package dev.loadharness.scenarios.server.docker;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where the Docker engine's API listens: a Unix socket or a plain TCP address. Resolved like the
 * docker CLI and Testcontainers do for the common cases: {@code DOCKER_HOST} first, else the first
 * existing well-known socket. TLS endpoints ({@code DOCKER_TLS_VERIFY}) are not spoken here.
 *
 * @param socket the Unix socket, or null for TCP
 * @param host the TCP host, or null for a Unix socket
 * @param port the TCP port, or 0
 * @param source how it was found, for messages ("DOCKER_HOST", "default socket")
 */
public record DockerEndpoint(Path socket, String host, int port, String source) {

  public DockerEndpoint {
    if ((socket == null) == (host == null)) {
      throw new IllegalArgumentException("a Docker endpoint is either a Unix socket or a TCP host, not both or neither");
    }
    if (host != null && (port < 1 || port > 65535)) {
      throw new IllegalArgumentException("Docker TCP port " + port + " is outside 1..65535");
    }
  }

  public static DockerEndpoint unix(Path socket, String source) {
    return new DockerEndpoint(socket, null, 0, source);
  }

  /** The result of resolving: an endpoint, or why there is none. */
  public record Resolution(Optional<DockerEndpoint> endpoint, String whyNone) {}

  /**
   * Resolves from the environment.
   *
   * @param env the process environment (DOCKER_HOST, DOCKER_TLS_VERIFY, XDG_RUNTIME_DIR, HOME)
   */
  public static Resolution resolve(Map<String, String> env) {
    String dockerHost = env.getOrDefault("DOCKER_HOST", "").trim();
    if (!dockerHost.isEmpty()) {
      return fromDockerHost(dockerHost, env);
    }
    List<Path> candidates = new ArrayList<>();
    candidates.add(Path.of("/var/run/docker.sock"));
    if (env.containsKey("XDG_RUNTIME_DIR")) {
      candidates.add(Path.of(env.get("XDG_RUNTIME_DIR"), "docker.sock"));
    }
    if (env.containsKey("HOME")) {
      candidates.add(Path.of(env.get("HOME"), ".docker", "run", "docker.sock"));
      candidates.add(Path.of(env.get("HOME"), ".docker", "desktop", "docker.sock"));
    }
    for (Path candidate : candidates) {
      if (Files.exists(candidate)) {
        return new Resolution(Optional.of(unix(candidate, "default socket")), "");
      }
    }
    return new Resolution(Optional.empty(), "DOCKER_HOST is not set and no Docker socket exists at " + candidates);
  }

  private static Resolution fromDockerHost(String value, Map<String, String> env) {
    URI uri;
    try {
      uri = URI.create(value);
    } catch (IllegalArgumentException e) {
      return none("DOCKER_HOST='" + value + "' is not a URI (use unix:///path or tcp://host:port)");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme();
    switch (scheme) {
      case "unix":
        return new Resolution(Optional.of(unix(Path.of(uri.getPath()), "DOCKER_HOST")), "");
      case "tcp":
      case "http":
        String tls = env.getOrDefault("DOCKER_TLS_VERIFY", "");
        if (!tls.isEmpty() && !tls.equals("0")) {
          return none("DOCKER_HOST='" + value + "' with DOCKER_TLS_VERIFY: the bounded probe speaks plain HTTP only");
        }
        if (uri.getHost() == null || uri.getPort() < 1) {
          return none("DOCKER_HOST='" + value + "' has no host:port (use tcp://host:2375)");
        }
        return new Resolution(Optional.of(new DockerEndpoint(null, uri.getHost(), uri.getPort(), "DOCKER_HOST")), "");
      default:
        return none("DOCKER_HOST='" + value + "' uses scheme '" + scheme + "'; the probe knows unix:// and tcp://");
    }
  }

  private static Resolution none(String why) {
    return new Resolution(Optional.empty(), why);
  }

  /** A new unconnected blocking channel of the endpoint's family. */
  SocketChannel newChannel() throws IOException {
    return socket != null ? SocketChannel.open(StandardProtocolFamily.UNIX) : SocketChannel.open();
  }

  /** The address to connect the channel to. */
  SocketAddress address() {
    return socket != null ? UnixDomainSocketAddress.of(socket) : new InetSocketAddress(host, port);
  }

  @Override
  public String toString() {
    return socket != null ? "unix://" + socket : "tcp://" + host + ":" + port;
  }
}
