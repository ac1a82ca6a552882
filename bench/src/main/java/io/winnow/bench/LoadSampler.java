package io.winnow.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** Samples the 1-minute load average (Linux /proc/loadavg) every 5 s, to show how busy the machine was. */
final class LoadSampler {
    private static final Path LOADAVG = Path.of("/proc/loadavg");
    private final ScheduledExecutorService timer;
    private double sum;
    private double max;
    private int samples;

    private LoadSampler() {
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "load-sampler");
            t.setDaemon(true);
            return t;
        });
    }

    static LoadSampler start() {
        LoadSampler s = new LoadSampler();
        if (Files.isReadable(LOADAVG)) s.timer.scheduleAtFixedRate(s::sample, 5, 5, TimeUnit.SECONDS);
        return s;
    }

    private synchronized void sample() {
        try {
            double v = Double.parseDouble(Files.readString(LOADAVG).trim().split("\\s+")[0]);
            sum += v;
            max = Math.max(max, v);
            samples++;
        } catch (Exception e) {
            // no load figure: the report just leaves it out
        }
    }

    void stop() {
        timer.shutdownNow();
    }

    synchronized int samples() { return samples; }

    synchronized double mean() { return samples == 0 ? Double.NaN : sum / samples; }

    synchronized double max() { return max; }
}
