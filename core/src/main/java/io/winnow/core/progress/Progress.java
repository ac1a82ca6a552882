package io.winnow.core.progress;

import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Progress of a long run: documents/s, MB/s and an ETA from input bytes. On a terminal it redraws
 * one status line; otherwise (CI logs, pipes) it prints a plain line every few seconds.
 */
public final class Progress implements AutoCloseable {
    public enum Mode { AUTO, BAR, LOG, OFF }

    private final String label;
    private final boolean bar;
    private final boolean enabled;
    private final long totalBytes;
    private final int totalShards;
    private final long intervalMillis;
    private final PrintStream out;
    private final AtomicLong docs = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();
    private final AtomicLong shards = new AtomicLong();
    private final long startNanos = System.nanoTime();
    private Thread thread;
    private volatile boolean closed;

    public Progress(String label, Mode mode, long totalBytes, int totalShards, PrintStream out) {
        this.label = label;
        Mode m = mode == Mode.AUTO ? (System.console() != null ? Mode.BAR : Mode.LOG) : mode;
        this.bar = m == Mode.BAR;
        this.enabled = m != Mode.OFF;
        this.totalBytes = totalBytes;
        this.totalShards = totalShards;
        this.intervalMillis = bar ? 250 : Long.getLong("winnow.progress.interval.ms", 10_000L);
        this.out = out;
    }

    public Progress start() {
        if (!enabled) return this;
        thread = new Thread(this::loop, "winnow-progress");
        thread.setDaemon(true);
        thread.start();
        return this;
    }

    public void addDocs(long n) { docs.addAndGet(n); }

    public void addBytes(long n) { bytes.addAndGet(n); }

    public void shardDone() { shards.incrementAndGet(); }

    private void loop() {
        while (!closed) {
            try {
                Thread.sleep(intervalMillis);
            } catch (InterruptedException e) {
                return;
            }
            if (!closed) render(false);
        }
    }

    private synchronized void render(boolean last) {
        String line = line();
        if (bar) {
            out.print("\r" + line + "\033[K");
            if (last) out.println();
        } else {
            out.println(line);
        }
        out.flush();
    }

    /** The status text, e.g. {@code clean [=====>     ] 45.1% 12,345 docs 3,210 docs/s 25.3 MB/s ETA 1m23s shards 3/10}. */
    String line() {
        double secs = Math.max(1e-9, (System.nanoTime() - startNanos) / 1e9);
        long d = docs.get();
        long b = bytes.get();
        double frac = totalBytes > 0 ? Math.min(1.0, (double) b / totalBytes) : 0;
        StringBuilder sb = new StringBuilder(label).append(' ');
        if (bar) {
            int width = 24;
            int filled = (int) Math.round(frac * width);
            sb.append('[');
            for (int i = 0; i < width; i++) sb.append(i < filled ? '=' : i == filled ? '>' : ' ');
            sb.append("] ");
        }
        sb.append(String.format(Locale.ROOT, "%5.1f%% %,d docs %,.0f docs/s %.1f MB/s", frac * 100, d, d / secs, b / secs / 1e6));
        if (b > 0 && frac < 1.0) {
            double eta = secs * (totalBytes - b) / b;
            sb.append(" ETA ").append(duration(eta));
        }
        sb.append(String.format(Locale.ROOT, " shards %d/%d", shards.get(), totalShards));
        return sb.toString();
    }

    static String duration(double seconds) {
        long s = Math.round(seconds);
        if (s < 60) return s + "s";
        if (s < 3600) return (s / 60) + "m" + String.format(Locale.ROOT, "%02d", s % 60) + "s";
        return (s / 3600) + "h" + String.format(Locale.ROOT, "%02d", (s % 3600) / 60) + "m";
    }

    @Override
    public void close() {
        if (closed) return;
        closed = true;
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            render(true);
        }
    }
}
