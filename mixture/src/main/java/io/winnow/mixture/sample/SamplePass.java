package io.winnow.mixture.sample;

import io.winnow.core.exec.StageLayout;
import io.winnow.mixture.config.MixtureConfig;
import io.winnow.mixture.count.CountPass;
import io.winnow.mixture.count.DocTable;
import it.unimi.dsi.fastutil.ints.IntArrayList;
import it.unimi.dsi.fastutil.longs.LongArrayList;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Pass 2 of a mix: decides for every counted document how many copies go into the mix and whether it is a
 * validation document. A document of weight w is due {@code c = min(max_epochs, scale x w)} copies: the whole
 * part always, one more with probability {@code frac(c)}. That last copy is drawn by <b>systematic
 * sampling</b> within strata of (source, document length): documents are visited in a seeded random order,
 * their fractions added up, and a document is taken whenever the running sum passes the next of the points
 * {@code u0, u0+1, u0+2, ...} ({@code u0} seeded per stratum). Each document is still taken with probability
 * exactly {@code frac(c)}, but the number taken per stratum is fixed to within one, so a source lands on its
 * token target to within about one document of each length class instead of the square root of the count
 * that independent coin flips give. Validation documents are held out the same way ({@code validation_share} of
 * each stratum's documents, before copies) and enter the validation split at most once.
 *
 * <p>Reads only the count pass's document tables (26 bytes a document): one sequential walk, shard by
 * shard, so decisions never depend on the worker count. Writes per shard a run of shuffle entries sorted
 * by shuffle key ({@code _winnow/sample/part-NNNNN.run}: key, shard and ordinal, copy and split; 24 bytes each).
 */
public final class SamplePass {
    static final int ENTRY = 24;
    /** Length classes: 4 per doubling of the token count (token counts within 19 % of each other share a stratum). */
    static final int CLASSES_PER_OCTAVE = 4;
    static final int CLASSES = 32 * CLASSES_PER_OCTAVE;

    private final MixtureConfig config;
    private final MixturePlan plan;
    private final long seed;
    private final StageLayout layout;

    public SamplePass(MixtureConfig config, MixturePlan plan, long seed, StageLayout layout) {
        this.config = config;
        this.plan = plan;
        this.seed = seed;
        this.layout = layout;
    }

    public static Path runFile(StageLayout layout, int shard) {
        return layout.bookkeeping().resolve("sample").resolve(StageLayout.taskPrefix(shard) + ".run");
    }

    static int lengthClass(int tokens) {
        return Math.min(CLASSES - 1, (int) Math.floor(CLASSES_PER_OCTAVE * Math.log(tokens) / Math.log(2)));
    }

    /** Samples every shard (all again on a resume: the walk is sequential and takes seconds); returns per-source tallies. */
    public List<SampleTally> run(int shards) throws IOException {
        Files.createDirectories(layout.bookkeeping().resolve("sample"));
        int n = config.sources.size();
        double[] scale = new double[n];
        for (int i = 0; i < n; i++) scale[i] = plan.sources().get(i).scale();
        double cap = config.maxEpochs;
        double validShare = config.validationShare;
        List<SampleTally> tallies = new ArrayList<>();
        for (int i = 0; i < n; i++) tallies.add(new SampleTally());
        // the shard being walked collects the entries of every copy decided meanwhile (a pending extra copy
        // may be decided while a later shard is walked; entries name their own shard)
        Entries current = new Entries(config.shuffle);
        BalancedDraw[] trainDraw = new BalancedDraw[n];
        BalancedDraw[] validDraw = new BalancedDraw[n];
        for (int s = 0; s < n; s++) {
            SampleTally t = tallies.get(s);
            trainDraw[s] = new BalancedDraw(seed, Hash64.COPIES + 2L * s, u -> {
                current.add(seed, u, false);
                t.train.addCopies(1, u.tokens, u.bytes, u.copy == 0);
            });
            validDraw[s] = new BalancedDraw(seed, Hash64.VALIDATION_COPY + 2L * s, u -> {
                current.add(seed, u, true);
                t.valid.addCopies(1, u.tokens, u.bytes, true);
            });
        }
        // hold-out draws: systematic within (source, length class), so each length class gives its share
        double[][] holdout = new double[n][CLASSES];
        for (int s = 0; s < n; s++) {
            for (int c = 0; c < CLASSES; c++) holdout[s][c] = Hash64.uniform(seed, (long) s * CLASSES + c, Hash64.VALIDATION);
        }

        for (int shard = 0; shard < shards; shard++) {
            Rows rows = Rows.read(CountPass.docTable(layout.bookkeeping(), shard));
            for (int i : rows.order(seed)) {
                int src = rows.source[i];
                int tokens = rows.tokens[i];
                if (src < 0 || tokens == 0 || rows.weight[i] <= 0) continue;
                SampleTally t = tallies.get(src);
                double c = scale[src] * rows.weight[i];
                // held out first, so the validation share is of documents, not of their training copies
                boolean valid = false;
                if (validShare > 0) {
                    int cls = lengthClass(tokens);
                    double a = holdout[src][cls] + validShare;
                    if (a >= 1) {
                        valid = true;
                        a -= 1;
                    }
                    holdout[src][cls] = a;
                }
                double limit = valid ? 1 : cap;
                if (c > limit) {
                    c = limit;
                    if (!valid) t.cappedDocs++;
                }
                t.expectedTokens += c * tokens;
                int whole = (int) Math.floor(c);
                double frac = c - whole;
                BalancedDraw.Unit base = new BalancedDraw.Unit(1, tokens, rows.key[i], shard, i, 0, rows.bytes[i]);
                for (int j = 0; j < whole; j++) {
                    base.copy = j;
                    current.add(seed, base, valid);
                }
                if (whole > 0) (valid ? t.valid : t.train).addCopies(whole, tokens, rows.bytes[i], true);
                if (frac > 0) {
                    (valid ? validDraw : trainDraw)[src].offer(
                            new BalancedDraw.Unit(frac, tokens, rows.key[i], shard, i, whole, rows.bytes[i]));
                }
            }
            if (shard == shards - 1) {
                for (int s = 0; s < n; s++) {
                    trainDraw[s].finish();
                    validDraw[s].finish();
                }
            }
            current.write(runFile(layout, shard));
            current.clear();
        }
        return tallies;
    }

    /** Shuffle entries collected while one shard is walked. */
    private static final class Entries {
        final boolean shuffle;

        Entries(boolean shuffle) {
            this.shuffle = shuffle;
        }

        final LongArrayList keys = new LongArrayList();
        final LongArrayList where = new LongArrayList(); // shard << 32 | ordinal
        final LongArrayList flags = new LongArrayList(); // copy << 1 | valid

        void add(long seed, BalancedDraw.Unit u, boolean valid) {
            // unshuffled: the key is the document's position, so copies follow their document
            keys.add(shuffle ? Hash64.of(seed, u.key, Hash64.SHUFFLE, u.copy) : (long) u.shard << 32 | u.ordinal);
            where.add((long) u.shard << 32 | u.ordinal);
            flags.add((long) u.copy << 1 | (valid ? 1 : 0));
        }

        void clear() {
            keys.clear();
            where.clear();
            flags.clear();
        }

        /** Sorts by (key, shard, ordinal, copy) and writes; the file appears only when complete. */
        void write(Path target) throws IOException {
            int n = keys.size();
            long[] k = keys.elements(), w = where.elements(), f = flags.elements();
            it.unimi.dsi.fastutil.Arrays.quickSort(0, n, (a, b) -> {
                int c = Long.compare(k[a], k[b]);
                if (c == 0) c = Long.compare(w[a], w[b]);
                return c != 0 ? c : Long.compare(f[a], f[b]);
            }, (a, b) -> {
                swap(k, a, b);
                swap(w, a, b);
                swap(f, a, b);
            });
            Path tmp = target.resolveSibling("." + target.getFileName() + ".tmp");
            ByteBuffer b = ByteBuffer.allocate(ENTRY).order(ByteOrder.LITTLE_ENDIAN);
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16)) {
                for (int i = 0; i < n; i++) {
                    b.clear();
                    b.putLong(k[i]).putLong(w[i]).putLong(f[i]);
                    out.write(b.array());
                }
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        }

        private static void swap(long[] x, int a, int b) {
            long t = x[a];
            x[a] = x[b];
            x[b] = t;
        }
    }

    /** A shard's document table in memory (bounded by the shard's size: 26 bytes a document). */
    private static final class Rows {
        short[] source;
        double[] weight;
        int[] tokens;
        int[] bytes;
        long[] key;
        int size;

        static Rows read(Path table) throws IOException {
            Rows r = new Rows();
            IntArrayList src = new IntArrayList(), tok = new IntArrayList(), byt = new IntArrayList();
            it.unimi.dsi.fastutil.doubles.DoubleArrayList w = new it.unimi.dsi.fastutil.doubles.DoubleArrayList();
            LongArrayList k = new LongArrayList();
            DocTable.Row row = new DocTable.Row();
            try (DocTable.Reader in = new DocTable.Reader(table)) {
                while (in.next(row)) {
                    src.add(row.source);
                    w.add(row.weight);
                    tok.add(row.tokens);
                    byt.add(row.bytes);
                    k.add(row.key);
                }
            }
            r.size = src.size();
            r.source = new short[r.size];
            for (int i = 0; i < r.size; i++) r.source[i] = (short) src.getInt(i);
            r.weight = w.toDoubleArray();
            r.tokens = tok.toIntArray();
            r.bytes = byt.toIntArray();
            r.key = k.toLongArray();
            return r;
        }

        /** Document ordinals in a seeded random order (by a hash of the document key; ties by ordinal). */
        int[] order(long seed) {
            long[] h = new long[size];
            int[] idx = new int[size];
            for (int i = 0; i < size; i++) {
                h[i] = Hash64.of(seed, key[i], Hash64.ORDER, 0);
                idx[i] = i;
            }
            it.unimi.dsi.fastutil.ints.IntArrays.quickSort(idx, (a, b) -> {
                int c = Long.compare(h[a], h[b]);
                return c != 0 ? c : Integer.compare(a, b);
            });
            return idx;
        }
    }

}
