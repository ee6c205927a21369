package dev.loadharness.scenarios.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompilerThreadsCpuTest {
  @TempDir Path dir;

  private static String stat(String name, long utime, long stime) {
    return "4242 (" + name + ") S 1 1 0 0 -1 1077936192 9 0 0 0 " + utime + " " + stime + " 0 0 20 0 60 0 300 0 0";
  }

  @Test
  void readsUserAndSystemTicksOfCompilerThreadsOnly() {
    assertThat(CompilerThreadsCpu.compilerMs(stat("C2 CompilerThre", 120, 7))).isEqualTo(1270);
    assertThat(CompilerThreadsCpu.compilerMs(stat("C1 CompilerThre", 3, 0))).isEqualTo(30);
    assertThat(CompilerThreadsCpu.compilerMs(stat("VM Thread", 500, 5))).isNull();
    // A name with a parenthesis and spaces in it: the fields start after the last ')'.
    assertThat(CompilerThreadsCpu.compilerMs(stat("a) b (c", 1, 1))).isNull();
    assertThat(CompilerThreadsCpu.compilerMs("garbage")).isNull();
  }

  @Test
  void anEndedCompilerThreadKeepsItsLastValue() throws Exception {
    write("101", stat("C2 CompilerThre", 100, 0));
    write("102", stat("C1 CompilerThre", 10, 0));
    write("103", stat("worker-1", 900, 0));
    CompilerThreadsCpu cpu = new CompilerThreadsCpu(dir);
    assertThat(cpu.cpuMs()).isEqualTo(1100);

    write("101", stat("C2 CompilerThre", 150, 0));
    Files.delete(dir.resolve("102/stat"));
    Files.delete(dir.resolve("102"));
    assertThat(cpu.cpuMs()).isEqualTo(1600);
  }

  @Test
  void withoutProcThereIsNoFigure() {
    assertThat(new CompilerThreadsCpu(dir.resolve("absent")).cpuMs()).isEqualTo(-1);
  }

  @Test
  void thisJvmsCompilersAreFoundOnLinux() {
    assumeTrue(Files.isDirectory(Path.of("/proc/self/task")), "no /proc here");
    long sum = 0;
    for (int i = 0; i < 2_000_000; i++) {
      sum += Long.toString(i).hashCode(); // enough work for the JIT to compile something
    }
    assertThat(sum).isNotZero();
    assertThat(new CompilerThreadsCpu().cpuMs()).isPositive();
  }

  private void write(String tid, String stat) throws Exception {
    Files.createDirectories(dir.resolve(tid));
    Files.writeString(dir.resolve(tid).resolve("stat"), stat + "\n");
  }
}
