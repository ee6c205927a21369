package dev.loadharness.scenarios.worker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * CPU time of this JVM's JIT compiler threads since it started, read from {@code /proc/self/task/<tid>/stat}
 * (Linux; the management beans do not list the compiler threads, and {@code CompilationMXBean}'s time is
 * elapsed, not CPU). A fresh worker spends 40-67% of its first minute's CPU compiling, which is start-up, not the
 * per-workflow cost a comparison of worker settings is after, so the worker reports it beside its process CPU.
 *
 * <p>Compiler threads come and go ({@code -XX:+UseDynamicNumberOfCompilerThreads}, the default): the last value
 * read of a thread that has ended is kept, so the total only grows, short by at most one interval of an ended
 * thread's time.
 */
final class CompilerThreadsCpu {
  /** Linux reports thread times in USER_HZ ticks, 100 a second on every architecture the JDK ships for. */
  private static final long MS_PER_TICK = 10;

  private final Path tasks;
  private final Set<String> others = new HashSet<>();
  private final Map<String, Long> compilerMs = new HashMap<>();
  private boolean unavailable;

  CompilerThreadsCpu() {
    this(Path.of("/proc/self/task"));
  }

  CompilerThreadsCpu(Path tasks) {
    this.tasks = tasks;
  }

  /** The compiler threads' CPU since start, ms, or -1 where threads cannot be read (not Linux). */
  synchronized long cpuMs() {
    if (unavailable) {
      return -1;
    }
    try (Stream<Path> threads = Files.list(tasks)) {
      threads.forEach(this::read);
    } catch (IOException | UncheckedIOException e) { // no /proc (not Linux): the field is left out
      unavailable = true;
      return -1;
    }
    return compilerMs.values().stream().mapToLong(Long::longValue).sum();
  }

  private void read(Path thread) {
    String tid = thread.getFileName().toString();
    if (others.contains(tid)) {
      return;
    }
    String stat;
    try {
      stat = Files.readString(thread.resolve("stat"));
    } catch (IOException e) {
      return; // ended between the listing and the read: its last value is kept
    }
    Long ms = compilerMs(stat);
    if (ms == null) {
      others.add(tid);
    } else {
      compilerMs.put(tid, ms);
    }
  }

  /**
   * The thread's user + system time in ms if {@code stat} (one {@code /proc/<pid>/task/<tid>/stat} line) is a
   * compiler thread's ({@code C1 CompilerThre}, {@code C2 CompilerThre}, {@code JVMCI CompilerThr...}: the kernel
   * keeps 15 characters of the name), else null.
   */
  static Long compilerMs(String stat) {
    int open = stat.indexOf('(');
    int close = stat.lastIndexOf(')');
    if (open < 0 || close < open || !stat.substring(open + 1, close).contains("CompilerThr")) {
      return null;
    }
    // After the name: state (field 3), ..., utime (field 14), stime (field 15).
    String[] fields = stat.substring(close + 2).trim().split(" ");
    try {
      return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * MS_PER_TICK;
    } catch (ArrayIndexOutOfBoundsException | NumberFormatException e) {
      return null;
    }
  }
}
