package io.winnow.core.step;

import io.winnow.core.doc.Document;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Runs documents through a list of steps, one shard at a time, counting per step. Each step's
 * output is buffered and handed to the next step only after the step returns, so a step's time
 * never includes the steps after it.
 */
public final class Pipeline {
    /** Receives what leaves the pipeline. */
    public interface Sink {
        void keep(Document doc);

        /** {@code doc} already carries its {@code reject_reason}. */
        void reject(Document doc);
    }

    private final List<Step> steps;
    private final StepStats[] stats;
    private final List<List<Document>> buffers = new ArrayList<>();
    private final List<Emitter> emitters = new ArrayList<>();
    private Sink sink;

    public Pipeline(List<Step> steps) {
        this.steps = List.copyOf(steps);
        this.stats = new StepStats[steps.size()];
        Set<String> names = new HashSet<>();
        for (int i = 0; i < steps.size(); i++) {
            Step s = steps.get(i);
            if (!names.add(s.name())) {
                throw new IllegalArgumentException("two steps are named '" + s.name() + "': give one an explicit name");
            }
            stats[i] = new StepStats(s.name());
            List<Document> buf = new ArrayList<>(4);
            buffers.add(buf);
            emitters.add(new StepEmitter(i, buf));
        }
    }

    public List<Step> steps() { return steps; }

    public void open(StepContext context, Sink sink) {
        this.sink = sink;
        for (Step s : steps) s.open(context);
    }

    public void process(Document doc) {
        push(0, doc);
    }

    /** Lets every step emit what it still holds, in step order. */
    public void finish() {
        for (int i = 0; i < steps.size(); i++) {
            long t0 = System.nanoTime();
            steps.get(i).finish(emitters.get(i));
            stats[i].time(System.nanoTime() - t0);
            drain(i);
        }
    }

    public List<StepStats> stats() { return List.of(stats); }

    private void push(int i, Document doc) {
        if (i == steps.size()) {
            sink.keep(doc);
            return;
        }
        stats[i].in(doc.textBytes());
        long t0 = System.nanoTime();
        steps.get(i).process(doc, emitters.get(i));
        stats[i].time(System.nanoTime() - t0);
        drain(i);
    }

    private void drain(int i) {
        List<Document> buf = buffers.get(i);
        if (buf.isEmpty()) return;
        // Deeper levels use their own buffers, so iterating this one while pushing is safe.
        for (int k = 0; k < buf.size(); k++) push(i + 1, buf.get(k));
        buf.clear();
    }

    private final class StepEmitter implements Emitter {
        private final int index;
        private final List<Document> out;

        StepEmitter(int index, List<Document> out) {
            this.index = index;
            this.out = out;
        }

        @Override
        public void emit(Document doc) {
            stats[index].out(doc.textBytes());
            out.add(doc);
        }

        @Override
        public void reject(Document doc, String rule) {
            stats[index].rejected(rule, doc.textBytes());
            doc.extra().put(Document.REJECT_REASON, steps.get(index).name() + ":" + rule);
            sink.reject(doc);
        }

        @Override
        public void count(String counter, long amount) {
            stats[index].count(counter, amount);
        }
    }
}
