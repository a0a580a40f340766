package io.meltica.bench.report;

import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;

/**
 * The machine a run was measured on, as {@code latest.json}'s {@code machine}.
 *
 * @param uname {@code uname -a}
 * @param loadAverageBefore {@code /proc/loadavg} when the run started: numbers taken above ~1.5 on
 *     two cores are noisy
 * @param loadAverageAfter the one-minute load average when the results were merged
 */
public record MachineInfo(
    String uname, int cores, double memoryGib, String loadAverageBefore, double loadAverageAfter) {

  /** This machine now, with what the run script observed before the run. */
  public static MachineInfo current(String uname, String loadAverageBefore) {
    OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
    double memoryGib = Double.NaN;
    if (os instanceof com.sun.management.OperatingSystemMXBean hotspot) {
      memoryGib = hotspot.getTotalMemorySize() / (1024.0 * 1024 * 1024);
    }
    return new MachineInfo(
        uname,
        Runtime.getRuntime().availableProcessors(),
        Math.round(memoryGib * 10) / 10.0,
        loadAverageBefore,
        os.getSystemLoadAverage());
  }
}
