package io.winnow.tokenizer.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Wall time of the training phases, in order, for the log (where a run's time went). */
final class Phases {
    private final List<String> names = new ArrayList<>();
    private final List<Double> seconds = new ArrayList<>();
    private long last = System.nanoTime();

    /** Ends the current phase under this name. */
    synchronized void mark(String name) {
        long now = System.nanoTime();
        names.add(name);
        seconds.add((now - last) / 1e9);
        last = now;
    }

    @Override
    public synchronized String toString() {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < names.size(); i++) {
            b.append(i > 0 ? ", " : "").append(names.get(i)).append(String.format(Locale.ROOT, " %.2f s", seconds.get(i)));
        }
        return b.toString();
    }
}
