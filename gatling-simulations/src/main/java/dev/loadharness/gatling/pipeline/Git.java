package dev.loadharness.gatling.pipeline;

import dev.loadharness.reports.record.GitInfo;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/** The checkout's commit and dirtiness, or "unknown" outside a git checkout. */
public final class Git {
  private Git() {}

  /** This checkout's commit and whether tracked files differ from it. */
  public static GitInfo info() {
    String commit = run("git", "rev-parse", "HEAD");
    if (commit == null || commit.isBlank()) {
      return new GitInfo("unknown", false);
    }
    String status = run("git", "status", "--porcelain", "--untracked-files=no");
    return new GitInfo(commit.trim(), status != null && !status.isBlank());
  }

  private static String run(String... command) {
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      if (!p.waitFor(5, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return null;
      }
      String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      return p.exitValue() == 0 ? text : null;
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }
}
