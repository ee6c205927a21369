package dev.loadharness.gatling.pipeline;

import java.io.PrintStream;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import sun.misc.Signal;

/**
 * SIGINT and SIGTERM for a load run. The first signal does not end the JVM: it asks the current run to stop
 * injecting, so the run stops its workers and server and writes a partial record with verdict
 * {@code interrupted}; the process then exits 130 (SIGINT) or 143 (SIGTERM). A second signal exits at once
 * with that code (the worker JVMs still exit by themselves: they watch this process).
 *
 * <p>Why {@code sun.misc.Signal}: a shutdown hook cannot tell SIGINT from SIGTERM, and once hooks run the
 * JVM is already exiting, so the run could not finish writing its record in an orderly way.
 */
public final class Signals {
  private static final AtomicReference<Received> RECEIVED = new AtomicReference<>();
  private static final AtomicReference<Consumer<String>> CURRENT = new AtomicReference<>();

  private Signals() {}

  /** A signal that arrived: its name and the exit code it asks for. */
  public record Received(String name, int exitCode) {}

  /** Handles SIGINT and SIGTERM from now on. */
  public static void install(PrintStream out) {
    for (String name : new String[] {"INT", "TERM"}) {
      int code = name.equals("INT") ? 130 : 143;
      Signal.handle(new Signal(name), signal -> {
        if (!RECEIVED.compareAndSet(null, new Received("SIG" + name, code))) {
          out.println("second signal: exiting now");
          Runtime.getRuntime().halt(code);
        }
        out.println();
        out.println("SIG" + name + ": stopping the run; the record is written as interrupted (again to exit at once)");
        Consumer<String> abort = CURRENT.get();
        if (abort != null) {
          abort.accept("interrupted by SIG" + name);
        }
      });
    }
  }

  /** The signal received, if any. */
  public static Optional<Received> received() {
    return Optional.ofNullable(RECEIVED.get());
  }

  /** A registration of an abort action; closing it unregisters (never throws). */
  interface Registration extends AutoCloseable {
    @Override
    void close();
  }

  /** While the returned handle is open, a signal calls {@code abort} with its reason (at once if one came). */
  static Registration whileRunning(Consumer<String> abort) {
    CURRENT.set(abort);
    received().ifPresent(r -> abort.accept("interrupted by " + r.name()));
    return () -> CURRENT.compareAndSet(abort, null);
  }
}
