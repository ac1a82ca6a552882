package io.winnow.tokenizer.train;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Wall and process CPU time of the training phases, in order, for the log (where a run's time went; CPU time
 * stays meaningful when other processes share the cores).
 */
final class Phases {
    private final List<String> names = new ArrayList<>();
    private final List<double[]> times = new ArrayList<>();
    private long lastWall = System.nanoTime(), lastCpu = -1;
    /** The CPU time at the start, read on a thread of its own (the first reading took 8-11 ms of the start). */
    private final java.util.concurrent.FutureTask<Long> firstCpu = Parts.background("bpe-cpu-time", Phases::cpu);

    private static final java.nio.file.Path STAT = java.nio.file.Path.of("/proc/self/stat");

    /**
     * The process's CPU time in ns: on Linux from /proc (in 10 ms ticks; the management bean took 18 ms of the
     * training run's start to set up), elsewhere from the bean.
     */
    private static long cpu() {
        try {
            String stat = new String(java.nio.file.Files.readAllBytes(STAT), java.nio.charset.StandardCharsets.US_ASCII);
            // after "pid (name) ": state is field 3, utime 14, stime 15, counted in USER_HZ (100 per second)
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10_000_000L;
        } catch (java.io.IOException | RuntimeException e) {
            return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                    ? os.getProcessCpuTime() : 0;
        }
    }

    /** Ends the current phase under this name. */
    synchronized void mark(String name) {
        long wall = System.nanoTime();
        if (lastCpu < 0) {  // the start's reading first: a reading after it would make the phase's CPU time too small
            try {
                lastCpu = Parts.get(firstCpu);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        long cpu = cpu();
        if (lastCpu < 0) lastCpu = cpu;  // interrupted: no CPU time for the first phase rather than the process's
        names.add(name);
        times.add(new double[]{(wall - lastWall) / 1e9, (cpu - lastCpu) / 1e9});
        lastWall = wall;
        lastCpu = cpu;
    }

    @Override
    public synchronized String toString() {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < names.size(); i++) {
            b.append(i > 0 ? ", " : "").append(names.get(i))
                    .append(String.format(Locale.ROOT, " %.2f s (cpu %.2f s)", times.get(i)[0], times.get(i)[1]));
        }
        return b.toString();
    }
}
