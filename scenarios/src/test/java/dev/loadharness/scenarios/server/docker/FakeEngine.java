package dev.loadharness.scenarios.server.docker;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A Unix socket that plays a Docker engine for the probe's unit tests: it answers each request line
 * ("GET /_ping") with the raw text {@code script} returns, or holds the connection open and silent
 * when that text is null. Real engines are exercised in DockerProbeIT.
 */
public final class FakeEngine implements AutoCloseable {
  private final ServerSocketChannel server;
  private final Thread acceptor;
  private final List<SocketChannel> held = new CopyOnWriteArrayList<>();
  public final Path socket;

  public FakeEngine(Path socket, Function<String, String> script) throws IOException {
    this.socket = socket;
    this.server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
    server.bind(UnixDomainSocketAddress.of(socket));
    this.acceptor = new Thread(() -> serve(script), "fake-docker-engine");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /** An HTTP/1.0 response with a body. */
  public static String http(int status, String body) {
    return "HTTP/1.0 " + status + " X\r\nContent-Type: application/json\r\n\r\n" + body;
  }

  public DockerEndpoint endpoint() {
    return DockerEndpoint.unix(socket, "test socket");
  }

  private void serve(Function<String, String> script) {
    while (server.isOpen()) {
      try {
        SocketChannel client = server.accept();
        String requestLine = readRequestLine(client);
        String answer = script.apply(requestLine);
        if (answer == null) {
          held.add(client); // accept and never answer
          continue;
        }
        try (client) {
          client.write(ByteBuffer.wrap(answer.getBytes(StandardCharsets.UTF_8)));
        }
      } catch (IOException e) {
        return; // closed by the test
      }
    }
  }

  private static String readRequestLine(SocketChannel client) throws IOException {
    ByteArrayOutputStream request = new ByteArrayOutputStream();
    ByteBuffer one = ByteBuffer.allocate(1);
    // Read the whole header block so the client's write never blocks; return its first line.
    while (!request.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
      one.clear();
      if (client.read(one) < 0) {
        break;
      }
      request.write(one.array()[0]);
    }
    String text = request.toString(StandardCharsets.US_ASCII);
    int end = text.indexOf(" HTTP/");
    return end < 0 ? text : text.substring(0, end);
  }

  @Override
  public void close() throws IOException {
    server.close();
    for (SocketChannel c : held) {
      c.close();
    }
  }
}
