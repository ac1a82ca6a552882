package io.winnow.tokenizer.train;

import io.winnow.tokenizer.model.Piece;
import io.winnow.tokenizer.model.PieceType;
import io.winnow.tokenizer.model.SentencePieceModel;
import io.winnow.tokenizer.model.TrainerSpec;
import io.winnow.tokenizer.text.Utf8;
import it.unimi.dsi.fastutil.ints.Int2LongOpenHashMap;
import it.unimi.dsi.fastutil.ints.IntOpenHashSet;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;

/**
 * Trains a SentencePiece BPE model whose pieces, order, scores and types equal those of SentencePiece 0.2.x for the
 * same input and flags: load and count the input ({@link CorpusCounter}), choose the alphabet by character coverage,
 * run the merges ({@link BpeMerger}), then lay out meta pieces, merged pieces and characters as SentencePiece does.
 */
public final class BpeTrainer {
    /** What one training run did ({@code runs}: distinct runs of ≥ 2 chars between walls). */
    public record Result(SentencePieceModel model, long sentences, long skippedTooLong, long skippedReservedChar,
                         long runs, int alphabetSize, double characterCoverage, int merges, long bytesRead,
                         double loadSeconds, double mergeSeconds) {}

    private final TrainerOptions o;
    private final PrintStream log;
    private boolean allSpecFields = true;

    public BpeTrainer(TrainerOptions options, PrintStream log) {
        options.validate();
        this.o = options;
        this.log = log;
    }

    /** Store only the flags that differ from the proto defaults (as the Python API does) instead of all of them. */
    public BpeTrainer specAsPythonApi() {
        allSpecFields = false;
        return this;
    }

    public Result train() throws IOException, InterruptedException {
        long t0 = System.nanoTime();
        // the wall table is filled on a thread of its own while the meta pieces and the inputs are made (10-13 ms of
        // the start), as is the first reading of the CPU time (Phases)
        java.util.concurrent.FutureTask<WallTable> walls = Parts.background("bpe-walls", () -> CorpusCounter.wallTable(o));
        Phases phases = new Phases();
        TreeMap<Integer, MetaPieces.Meta> meta = MetaPieces.build(o);
        List<Path> files = InputFiles.expand(o.input);
        CorpusCounter.Result counted = new CorpusCounter(o, MetaPieces.strings(meta), log, Parts.get(walls)).count(files, phases);
        if (log != null) {
            log.printf("[train] %,d sentences selected (%,d read; skipped: %,d too long, %,d with U+2585, %,d empty after "
                            + "normalization, %,d unreadable JSON lines), %,d distinct runs of ≥ 2 chars between walls%n",
                    counted.selected, counted.sentencesRead, counted.tooLong, counted.reservedChar,
                    counted.emptyAfterNormalization, counted.badJson, sizeOf(counted.runs));
        }

        // character coverage, as SentencePiece: (required desc, count desc, code point asc), stop once the float
        // coverage reaches the flag; TAB (the meta-piece boundary) counts but never becomes a piece
        ByteCountMap[] runs = counted.runs;
        long[] runChars = counted.runChars;
        // the units' arena is zeroed by another thread while this one picks the alphabet
        int arenaCells = SymbolUnits.arenaCells(runs, runChars);
        java.util.concurrent.FutureTask<int[]> arena = Parts.background("bpe-arena", () -> new int[arenaCells]);
        long[] perChar = counted.chars;
        counted.chars = null;
        long all = 0;
        for (long n : perChar) all += n;
        if (all == 0) throw new IllegalArgumentException("no sentences to train on in " + o.input);
        Int2LongOpenHashMap charCount = seenChars(perChar);
        perChar = null;
        IntOpenHashSet required = new IntOpenHashSet();
        for (int c : Utf8.codePoints(o.requiredChars.getBytes(java.nio.charset.StandardCharsets.UTF_8), 0,
                o.requiredChars.getBytes(java.nio.charset.StandardCharsets.UTF_8).length)) {
            if (c != 0) {
                required.add(c);
                if (!charCount.containsKey(c)) charCount.put(c, 0);
            }
        }
        phases.mark("coverage");
        int[] order = charCount.keySet().toIntArray();
        long[] cnt = new long[0x110000 + 1];
        Integer[] boxed = Arrays.stream(order).boxed().toArray(Integer[]::new);
        Arrays.sort(boxed, (x, y) -> {
            boolean rx = required.contains((int) x), ry = required.contains((int) y);
            if (rx != ry) return rx ? -1 : 1;
            long cx = charCount.get((int) x), cy = charCount.get((int) y);
            if (cx != cy) return Long.compare(cy, cx);
            return Integer.compare(x, y);
        });
        List<int[]> alphabet = new ArrayList<>();   // (code point, count) in coverage order
        long acc = 0;
        for (int c : boxed) {
            float coverage = (float) (1.0 * acc / all);
            if (coverage >= o.characterCoverage) break;
            long n = charCount.get(c);
            acc += n;
            if (c == '\t') continue;
            alphabet.add(new int[]{c});
            cnt[c] = n;
        }
        double finalCoverage = 1.0 * acc / all;
        if (alphabet.size() + meta.size() > o.vocabSize) {
            throw new IllegalArgumentException("Vocabulary size is smaller than required_chars. " + o.vocabSize + " vs "
                    + (alphabet.size() + meta.size()) + ". Increase vocab_size or decrease character_coverage with "
                    + "--character_coverage option.");
        }
        // chars in final order: count desc, code point asc
        alphabet.sort((x, y) -> cnt[x[0]] != cnt[y[0]] ? Long.compare(cnt[y[0]], cnt[x[0]]) : Integer.compare(x[0], y[0]));
        int nChars = alphabet.size();
        int[] charId = charIds(alphabet);
        int[][] charCps = new int[nChars + 1][];
        for (int i = 0; i < nChars; i++) charCps[i] = new int[]{alphabet.get(i)[0]};
        charCps[nChars] = new int[]{PieceValidator.UNK_CHAR};

        // runs as symbol-id units in one arena, with their pairs counted
        long nRuns = sizeOf(runs);
        PieceValidator validator = new PieceValidator(o);
        phases.mark("alphabet");
        SymbolUnits units = SymbolUnits.build(runs, runChars, counted.spaceIsWhitespaceSymbol, charId, nChars, Parts.get(arena));
        phases.mark("units+pairs");
        if (log != null) {
            long symbols = 0;  // every char of a run is a symbol of its unit (summed here: the units lie all over the arena)
            for (long n : runChars) symbols += n;
            log.printf("[train] %,d units (%,d chars), %,d pairs%n", units.units.length, symbols, units.pairs.size);
        }
        charId = null;
        long sentences = counted.selected;
        counted.runs = null;  // let the map go before the merge phase
        runs = null;
        double loadSeconds = (System.nanoTime() - t0) / 1e9;

        int merges = o.vocabSize - meta.size() - nChars;
        long t1 = System.nanoTime();
        BpeMerger merger = new BpeMerger(charCps, units, validator, o.numThreads, log, phases);
        units = null;
        List<String> merged = merger.run(merges);
        // the merger's arrays (units, pairs, lists: 0.4 GB on tok_large) die here: still referenced, the collection
        // the pieces' allocations start copied the young ones, 50 ms on tok_large
        merger = null;
        double mergeSeconds = (System.nanoTime() - t1) / 1e9;
        if (log != null) log.println("[train] phases: " + phases);

        List<Piece> finalPieces = new ArrayList<>(merged.size() + nChars);
        for (String s : merged) finalPieces.add(new Piece(s, -(float) finalPieces.size(), PieceType.NORMAL));
        for (int[] c : alphabet) finalPieces.add(new Piece(new String(c, 0, 1), -(float) finalPieces.size(), PieceType.NORMAL));

        List<Piece> pieces = new ArrayList<>(o.vocabSize);
        int fid = 0;
        for (int id = 0; id < o.vocabSize; id++) {
            MetaPieces.Meta m = meta.get(id);
            if (m != null) pieces.add(new Piece(m.piece(), 0f, m.type()));
            else if (fid < finalPieces.size()) pieces.add(finalPieces.get(fid++));
        }
        TrainerSpec spec = o.toTrainerSpec(allSpecFields);
        if (o.hardVocabLimit) {
            if (pieces.size() != o.vocabSize) {
                throw new IllegalArgumentException(String.format(
                        "Vocabulary size too high (%d). Please set it to a value <= %d.", o.vocabSize, pieces.size()));
            }
        } else {
            spec.set("vocab_size", pieces.size());
        }
        SentencePieceModel model = new SentencePieceModel(pieces, spec, o.toNormalizerSpec());
        model.validate();
        return new Result(model, sentences, counted.tooLong, counted.reservedChar, nRuns, nChars, finalCoverage,
                merged.size(), counted.bytesRead, loadSeconds, mergeSeconds);
    }

    // The loops over all code points live in methods of their own (here and RunCutter.addCounts): a loop this long
    // in train() had C2 compile all of train(), a quarter of a second of a 2-core machine, for code that runs once.

    /** The chars that occur (or are required), with their counts. */
    private static Int2LongOpenHashMap seenChars(long[] perChar) {
        Int2LongOpenHashMap charCount = new Int2LongOpenHashMap();
        for (int c = 0; c < perChar.length; c++) if (perChar[c] != 0) charCount.put(c, perChar[c]);
        return charCount;
    }

    /** Char id of every code point: its place in the alphabet, else the unknown char's id (the alphabet's size). */
    private static int[] charIds(List<int[]> alphabet) {
        int[] charId = new int[0x110000];
        Arrays.fill(charId, alphabet.size());
        for (int i = 0; i < alphabet.size(); i++) charId[alphabet.get(i)[0]] = i;
        return charId;
    }

    private static long sizeOf(ByteCountMap[] parts) {
        long n = 0;
        for (ByteCountMap m : parts) n += m.size();
        return n;
    }

    /** Trains and writes {@code PREFIX.model} and {@code PREFIX.vocab}. */
    public Result trainAndSave() throws IOException, InterruptedException {
        if (o.modelPrefix.isEmpty()) throw new IllegalArgumentException("--model_prefix is required");
        Result r = train();
        Path prefix = Path.of(o.modelPrefix);
        if (prefix.toAbsolutePath().getParent() != null) java.nio.file.Files.createDirectories(prefix.toAbsolutePath().getParent());
        // both files at once: each waits for its fsync (30-50 ms here), and neither needs the other
        java.util.concurrent.CompletableFuture<Void> model = java.util.concurrent.CompletableFuture.runAsync(() -> {
            try {
                r.model().write(Path.of(o.modelPrefix + ".model"));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        try {
            r.model().writeVocab(Path.of(o.modelPrefix + ".vocab"));
        } finally {
            // the model's write ends (or fails) before this returns or throws, whichever file failed
            try {
                model.join();
            } catch (java.util.concurrent.CompletionException e) {
                if (e.getCause() instanceof java.io.UncheckedIOException io) throw io.getCause();
                throw e;
            }
        }
        return r;
    }

}
