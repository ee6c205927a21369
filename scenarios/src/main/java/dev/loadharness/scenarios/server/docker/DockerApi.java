package dev.loadharness.scenarios.server.docker;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The few Docker Engine API calls the probe needs, as HTTP/1.0 over the engine's socket, every one
 * bounded. Why not the Docker client Testcontainers ships: its Unix socket is a wrapped channel
 * whose reads ignore socket timeouts, so an engine that accepts and never answers blocks it forever;
 * here a watchdog closes the channel at the deadline, which unblocks any connect, write or read.
 * HTTP/1.0 makes the engine send a plain body and close, so no chunked decoding is needed.
 */
final class DockerApi {
  private static final ScheduledExecutorService WATCHDOG =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "docker-probe-watchdog");
            t.setDaemon(true);
            return t;
          });

  private final DockerEndpoint endpoint;

  DockerApi(DockerEndpoint endpoint) {
    this.endpoint = endpoint;
  }

  /** A status code and the whole body. */
  record Response(int status, String body) {}

  /** Thrown when a deadline closed the exchange. */
  static final class TimedOut extends IOException {
    private static final long serialVersionUID = 1L;

    TimedOut(String message) {
      super(message);
    }
  }

  /** A GET whose connect, request and whole response must finish within {@code timeout}. */
  Response get(String path, Duration timeout) throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    int status = exchange("GET", path, timeout, timeout, in -> copy(in, body));
    return new Response(status, body.toString(StandardCharsets.UTF_8));
  }

  /**
   * A POST whose response is a stream of lines (a pull's progress): each line goes to {@code lines};
   * the exchange fails when no byte arrives for {@code idle} or it lasts longer than {@code total}.
   */
  int postStreaming(String path, Duration idle, Duration total, Consumer<String> lines) throws IOException {
    return exchange("POST", path, idle, total, in -> readLines(in, lines));
  }

  private interface BodyReader {
    void read(InputStream in) throws IOException;
  }

  private int exchange(String method, String path, Duration idle, Duration total, BodyReader reader)
      throws IOException {
    long totalDeadline = System.nanoTime() + total.toNanos();
    Guard guard = new Guard(idle, totalDeadline);
    try {
      SocketChannel channel = guard.watch(endpoint.newChannel());
      try (channel) {
        channel.connect(endpoint.address());
        String request =
            method + " " + path + " HTTP/1.0\r\nHost: docker\r\nUser-Agent: temporal-load-harness\r\n"
                + ("POST".equals(method) ? "Content-Length: 0\r\n" : "") + "\r\n";
        channel.write(java.nio.ByteBuffer.wrap(request.getBytes(StandardCharsets.US_ASCII)));
        InputStream in = guard.progressTracking(Channels.newInputStream(channel));
        int status = statusLine(in);
        skipHeaders(in);
        reader.read(in);
        return status;
      }
    } catch (IOException e) {
      if (guard.fired()) {
        throw new TimedOut(guard.reason(idle, total));
      }
      throw e;
    } finally {
      guard.cancel();
    }
  }

  private static int statusLine(InputStream in) throws IOException {
    String line = readLine(in);
    if (line == null) {
      throw new IOException("the engine closed the connection without an HTTP status line");
    }
    String[] parts = line.split(" ", 3);
    if (parts.length < 2 || !parts[0].startsWith("HTTP/")) {
      throw new IOException("not an HTTP status line: '" + abbreviate(line) + "'");
    }
    try {
      return Integer.parseInt(parts[1]);
    } catch (NumberFormatException e) {
      throw new IOException("not an HTTP status line: '" + abbreviate(line) + "'", e);
    }
  }

  private static void skipHeaders(InputStream in) throws IOException {
    String line;
    do {
      line = readLine(in);
    } while (line != null && !line.isEmpty());
  }

  private static void readLines(InputStream in, Consumer<String> lines) throws IOException {
    String line;
    while ((line = readLine(in)) != null) {
      if (!line.isBlank()) {
        lines.accept(line);
      }
    }
  }

  private static void copy(InputStream in, ByteArrayOutputStream out) throws IOException {
    in.transferTo(out);
  }

  /** One CRLF- or LF-terminated line, or null at the end of the stream. */
  private static String readLine(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int b;
    while ((b = in.read()) != -1) {
      if (b == '\n') {
        return stripCr(line.toString(StandardCharsets.UTF_8));
      }
      line.write(b);
    }
    return line.size() == 0 ? null : stripCr(line.toString(StandardCharsets.UTF_8));
  }

  private static String stripCr(String s) {
    return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
  }

  static String abbreviate(String s) {
    return s.length() <= 200 ? s : s.substring(0, 200) + "...";
  }

  /**
   * Closes the channel when no byte arrived for {@code idle} or the total deadline passed. Reads go
   * through a buffered stream, so progress is noted per read call, not per byte.
   */
  private static final class Guard {
    private final long idleNanos;
    private final long totalDeadline;
    private volatile SocketChannel channel;
    private volatile boolean fired;
    private volatile boolean byTotal;
    private ScheduledFuture<?> pending;

    Guard(Duration idle, long totalDeadline) {
      this.idleNanos = idle.toNanos();
      this.totalDeadline = totalDeadline;
      arm();
    }

    SocketChannel watch(SocketChannel opened) throws IOException {
      channel = opened;
      if (fired) {
        opened.close();
        throw new IOException("deadline passed before connecting");
      }
      return opened;
    }

    synchronized void arm() {
      if (pending != null) {
        pending.cancel(false);
      }
      long untilTotal = totalDeadline - System.nanoTime();
      long delay = Math.max(0, Math.min(idleNanos, untilTotal));
      pending = WATCHDOG.schedule(() -> fire(untilTotal <= idleNanos), delay, TimeUnit.NANOSECONDS);
    }

    private void fire(boolean total) {
      byTotal = total;
      fired = true;
      SocketChannel c = channel;
      if (c != null) {
        try {
          c.close();
        } catch (IOException ignored) {
          // Closing is the whole point; a failure to close leaves nothing to do.
        }
      }
    }

    boolean fired() {
      return fired;
    }

    String reason(Duration idle, Duration total) {
      return byTotal || idle.equals(total)
          ? "no complete answer within " + total.toMillis() + " ms"
          : "no progress for " + idle.toMillis() + " ms";
    }

    synchronized void cancel() {
      if (pending != null) {
        pending.cancel(false);
      }
    }

    InputStream progressTracking(InputStream raw) {
      return new java.io.BufferedInputStream(
          new java.io.FilterInputStream(raw) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
              int n = super.read(b, off, len);
              if (n > 0) {
                arm();
              }
              return n;
            }
          });
    }
  }
}
