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
    private long lastWall = System.nanoTime(), lastCpu = cpu();

    private static long cpu() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime() : 0;
    }

    /** Ends the current phase under this name. */
    synchronized void mark(String name) {
        long wall = System.nanoTime(), cpu = cpu();
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
