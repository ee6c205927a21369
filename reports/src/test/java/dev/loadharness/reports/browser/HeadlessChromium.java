package dev.loadharness.reports.browser;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Test helper: loads a local page in Debian's headless Chromium with every network path closed and
 * returns the DOM after the page's scripts ran, plus any console output the page produced.
 *
 * <p>Console messages reach stderr through {@code --enable-logging=stderr --v=0} as {@code :CONSOLE}
 * lines (whatever their level), which needs no DevTools client. Network is shut by a dead proxy and a
 * host resolver that resolves nothing, so a page that needed a CDN would fail to draw.
 */
public final class HeadlessChromium {

  private static final long INSTALL_TIMEOUT_S = 600;
  private static final long PAGE_TIMEOUT_S = 90;

  private final Path binary;

  private HeadlessChromium(Path binary) {
    this.binary = binary;
  }

  /**
   * Finds Chromium ({@code CHROMIUM} env, then /usr/bin/chromium), installing Debian's package with
   * apt-get when it is missing and that is possible.
   *
   * @return the browser, or empty with the reason in {@code why}
   */
  public static Optional<HeadlessChromium> findOrInstall(StringBuilder why) throws IOException, InterruptedException {
    String configured = System.getenv("CHROMIUM");
    for (String candidate : new String[] {configured, "/usr/bin/chromium", "/usr/bin/chromium-browser"}) {
      if (candidate != null && Files.isExecutable(Path.of(candidate))) {
        return Optional.of(new HeadlessChromium(Path.of(candidate)));
      }
    }
    Path apt = Path.of("/usr/bin/apt-get");
    if (!Files.isExecutable(apt)) {
      why.append("Chromium is not installed and /usr/bin/apt-get is not available to install it");
      return Optional.empty();
    }
    if (!"root".equals(System.getProperty("user.name"))) {
      why.append("Chromium is not installed and the tests do not run as root to apt-get install it");
      return Optional.empty();
    }
    Path log = Files.createTempFile("chromium-install", ".log");
    Process p = new ProcessBuilder(apt.toString(), "install", "-y", "chromium").redirectErrorStream(true)
        .redirectOutput(log.toFile()).start();
    if (!p.waitFor(INSTALL_TIMEOUT_S, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      why.append("apt-get install -y chromium did not finish within ").append(INSTALL_TIMEOUT_S).append(" s");
      return Optional.empty();
    }
    if (p.exitValue() != 0 || !Files.isExecutable(Path.of("/usr/bin/chromium"))) {
      why.append("apt-get install -y chromium failed (exit ").append(p.exitValue()).append("): ")
          .append(tail(Files.readString(log)));
      return Optional.empty();
    }
    return Optional.of(new HeadlessChromium(Path.of("/usr/bin/chromium")));
  }

  /**
   * Loads {@code page} and returns the DOM after its scripts ran, and its console lines.
   *
   * @param page a local HTML file
   * @param work directory for the browser profile and captured output
   */
  public Loaded load(Path page, Path work) throws IOException, InterruptedException {
    Path profile = Files.createTempDirectory(work, "profile");
    Path out = work.resolve(page.getFileName() + ".dom.html");
    Path err = work.resolve(page.getFileName() + ".stderr.txt");
    List<String> cmd = new ArrayList<>(List.of(binary.toString(),
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--user-data-dir=" + profile,
        "--proxy-server=127.0.0.1:9", "--host-resolver-rules=MAP * ~NOTFOUND",
        "--enable-logging=stderr", "--v=0",
        "--window-size=1200,900", "--virtual-time-budget=5000",
        "--dump-dom", page.toUri().toString()));
    Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    if (!p.waitFor(PAGE_TIMEOUT_S, TimeUnit.SECONDS)) {
      p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      throw new AssertionError("Chromium did not finish loading " + page + " within " + PAGE_TIMEOUT_S + " s");
    }
    String stderr = Files.readString(err, StandardCharsets.UTF_8);
    if (p.exitValue() != 0) {
      throw new AssertionError("Chromium exited " + p.exitValue() + " on " + page + ": " + tail(stderr));
    }
    List<String> console = stderr.lines().filter(l -> l.contains(":CONSOLE")).toList();
    return new Loaded(Files.readString(out, StandardCharsets.UTF_8), console);
  }

  /**
   * Loads {@code page} in a {@code width} x {@code height} window and writes a PNG screenshot to {@code png}.
   *
   * @param page a local HTML file
   * @param work directory for the browser profile and captured output
   */
  void screenshot(Path page, Path work, Path png, int width, int height) throws IOException, InterruptedException {
    Path profile = Files.createTempDirectory(work, "profile");
    Path err = work.resolve(page.getFileName() + ".screenshot.stderr.txt");
    List<String> cmd = List.of(binary.toString(),
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync", "--hide-scrollbars",
        "--user-data-dir=" + profile,
        "--proxy-server=127.0.0.1:9", "--host-resolver-rules=MAP * ~NOTFOUND",
        "--window-size=" + width + "," + height, "--virtual-time-budget=5000",
        "--screenshot=" + png.toAbsolutePath(), page.toUri().toString());
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(err.toFile()).start();
    if (!p.waitFor(PAGE_TIMEOUT_S, TimeUnit.SECONDS)) {
      p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      throw new AssertionError("Chromium did not finish a screenshot of " + page + " within " + PAGE_TIMEOUT_S + " s");
    }
    if (p.exitValue() != 0 || !Files.isRegularFile(png)) {
      throw new AssertionError("Chromium exited " + p.exitValue() + " without a screenshot of " + page + ": "
          + tail(Files.readString(err, StandardCharsets.UTF_8)));
    }
  }

  /**
   * A loaded page.
   *
   * @param dom the serialised DOM after scripts ran
   * @param console console lines the page produced
   */
  public record Loaded(String dom, List<String> console) {}

  private static String tail(String s) {
    return s.length() <= 2000 ? s : s.substring(s.length() - 2000);
  }
}
