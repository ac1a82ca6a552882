package io.winnow.tokenizer.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.winnow.tokenizer.text.ByteBuf;
import io.winnow.tokenizer.text.ByteScan;
import io.winnow.tokenizer.text.Normalizer;
import io.winnow.tokenizer.text.PrefixMatcher;
import io.winnow.tokenizer.text.Utf8;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;

/**
 * Streams the training input once and keeps only what BPE needs: the count of each distinct run (a unit — a word,
 * or a whole sentence with split_by_whitespace=false — cut at its walls by {@link RunCutter}) and of each single
 * char. Applies SentencePiece's sentence rules in order: skip empty lines, lines longer than max_sentence_length
 * bytes and lines with U+2585; select (first N, or a reservoir sample); normalize; replace meta pieces by TAB; drop
 * sentences that became empty. Counting runs on {@code num_threads} workers with private counts split by hash,
 * merged part by part at the end ({@link RunCounts#merge}).
 */
final class CorpusCounter {
    private static final int BATCH = 4096;

    static final class Result {
        /** Distinct runs of ≥ 2 chars, in parts (no run is in two). */
        ByteCountMap[] runs;
        /**
         * Occurrences of every code point (NUL excluded, a space that stands for U+2581 as U+2581): the single-char
         * runs' and those in the distinct runs, times their counts.
         */
        long[] chars;
        /** The chars the distinct runs of each part hold (each once). */
        long[] runChars;
        /** A space in a run stands for U+2581 (runs counted from raw lines; normalized ones never hold a space). */
        boolean spaceIsWhitespaceSymbol;
        long sentencesRead, tooLong, reservedChar, selected, emptyAfterNormalization, bytesRead, badJson;
    }

    private final TrainerOptions o;
    private final Normalizer normalizer;
    private final PrefixMatcher metaMatcher;
    private final WordSplitter splitter;
    private final PrintStream log;

    CorpusCounter(TrainerOptions o, List<String> metaPieces, PrintStream log) {
        this(o, metaPieces, log, wallTable(o));
    }

    /** @param walls {@link #wallTable}(o), made beforehand (the trainer has another thread make it meanwhile) */
    CorpusCounter(TrainerOptions o, List<String> metaPieces, PrintStream log, WallTable walls) {
        this.o = o;
        this.normalizer = new Normalizer(o.toNormalizerSpec(), o.treatWhitespaceAsSuffix);
        this.metaMatcher = new PrefixMatcher(metaPieces);
        this.splitter = new WordSplitter(o.treatWhitespaceAsSuffix, o.allowWhitespaceOnlyPieces);
        this.rawPath = rawPath(o, normalizer);
        this.walls = walls;
        for (int b = 0; b < 256; b++) metaStart[b] = metaMatcher.canStartWith((byte) b);
        // a raw space becomes U+2581, which may start a meta piece
        for (String m : metaPieces) if (m.startsWith("\u2581")) metaStart[' '] = true;
        // raw bytes can be matched against the meta pieces unless one holds U+2581 (a raw line has spaces there)
        boolean matchable = true;
        for (String m : metaPieces) matchable &= !m.contains("\u2581");
        this.metaMatchesRaw = matchable;
        for (int x = 0; x < 256; x++) {
            boolean other = x >= 0x80 || x == '\n' || metaStart[x];
            byteClass[x] = (byte) (other ? OTHER : walls.classOf(x));
        }
        this.log = log;
    }

    /** Lines may be counted raw ({@link Worker#cutRaw}): the identity normalizer escaping spaces, prefix whitespace. */
    private static boolean rawPath(TrainerOptions o, Normalizer normalizer) {
        return normalizer.isPlain() && normalizer.escapesWhitespace() && !o.treatWhitespaceAsSuffix;
    }

    /** The wall table the counting of these options cuts lines with (10-13 ms to fill, at the start of a training). */
    static WallTable wallTable(TrainerOptions o) {
        return new WallTable(new PieceValidator(o), rawPath(o, new Normalizer(o.toNormalizerSpec(), o.treatWhitespaceAsSuffix)));
    }

    private record Sentence(byte[] text, long freq) {}

    private static final int DONE = 0, SLOW = 1, RESERVED = 2;
    /** Lines may be counted raw ({@link Worker#cutRaw}): the identity normalizer escaping spaces, prefix whitespace. */
    private final boolean rawPath;
    /** Bytes that can start a meta piece (a line with one takes the general path). */
    private final boolean[] metaStart = new boolean[256];
    /** A meta piece found in the raw bytes is one the normalized line holds: no meta piece holds U+2581. */
    private final boolean metaMatchesRaw;
    private final WallTable walls;
    /**
     * The wall class of each byte that is a whole char (ASCII), or {@link #OTHER} for a '\n', a byte that may start a
     * meta piece and every byte of a multi-byte char: one lookup per ASCII char in the counting loop.
     */
    private final byte[] byteClass = new byte[256];
    private static final int OTHER = 0xFF;

    /** Short runs each part of a worker's counts makes room for at first (0: start small). */
    private int expectedRunsPerPart;

    /**
     * A guess at the distinct short runs in {@code bytes} of text that one worker sees (each sees most of them):
     * distinct words grow like a power of the text's length (Heaps' law); 30 × bytes^0.55 is about what tok_large
     * (107 MB: 0.6 M per worker) and the 1 GB corpus hold. Only the tables' first size depends on it.
     */
    static int expectedDistinctRuns(long bytes) {
        return (int) Math.min(1 << 24, 30 * Math.pow(Math.max(1, bytes), 0.55));
    }

    /** Per-worker state. */
    private final class Worker {
        final RunCutter cutter = new RunCutter(walls, rawPath, Math.max(1, o.numThreads), expectedRunsPerPart);
        final ByteBuf norm = new ByteBuf(1024), replaced = new ByteBuf(1024);
        long empty;
        long freq;
        final WordSplitter.WordSink sink = this::add;

        void add(byte[] s, int off, int len) {
            cutter.cut(s, off, off + len, freq);
        }

        void process(List<Sentence> batch) {
            for (Sentence sentence : batch) countSentence(sentence.text(), 0, sentence.text().length, sentence.freq());
        }

        /** Counts a selected sentence (it holds no U+2585 and no '\n'): in one pass if it can, else the general way. */
        void countSentence(byte[] b, int from, int to, long n) {
            if (cutRaw(b, from, to) == DONE && stop == to) cutter.countRuns(b, cutRuns, to, n);
            else sentence(b, from, to, n);
        }

        long sentencesRead, tooLong, reservedChar, selected;

        /**
         * Lines, sentence rules and counting of one slice of plain text that starts and ends at line starts.
         * With a sample ({@code chosen} not null), the slice's first valid sentence is number {@code first} of the
         * input and only the chosen ones are counted; {@code limit} ends the slice at that sentence number (the
         * first-N sample reads no further, as the streaming reader stops). Each line is cut while its end is
         * searched for (one pass over its bytes, not two or three), unless the sample is {@code sparse}: then only
         * the chosen lines are cut.
         */
        void lines(byte[] b, int from, int to, java.util.BitSet chosenSet, boolean sparse, long first, long limit) {
            if (sparse) {
                sparseLines(b, from, to, chosenSet, first, limit);
                return;
            }
            long read = 0, longLines = 0, reserved = 0, chosen = 0;
            long number = first;
            for (int p = from; p < to && number < limit; ) {
                int fast = cutRaw(b, p, to);
                int q = fast == DONE ? stop : lineEnd(b, stop, to);
                int len = q - p;
                if (len > 0) {
                    read++;
                    if (len > o.maxSentenceLength) {
                        longLines++;
                    } else if (fast == RESERVED || (fast == SLOW && containsReservedChar(b, p, q))) {
                        reserved++;
                    } else if (chosenSet == null || chosenSet.get((int) number++)) {
                        chosen++;
                        if (fast == DONE) cutter.countRuns(b, cutRuns, q, 1);
                        else sentence(b, p, q, 1);
                    }
                }
                p = q + 1;
            }
            sentencesRead += read;
            tooLong += longLines;
            reservedChar += reserved;
            selected += chosen;
        }

        /** {@link #lines} for a sample of few lines: the others are only checked, not cut. */
        private void sparseLines(byte[] b, int from, int to, java.util.BitSet chosenSet, long first, long limit) {
            long read = 0, longLines = 0, reserved = 0, chosen = 0;
            long number = first;
            for (int p = from; p < to && number < limit; ) {
                int q = lineEnd(b, p, to);
                int len = q - p;
                if (len > 0) {
                    read++;
                    if (len > o.maxSentenceLength) {
                        longLines++;
                    } else if (containsReservedChar(b, p, q)) {
                        reserved++;
                    } else if (chosenSet.get((int) number++)) {
                        chosen++;
                        countSentence(b, p, q, 1);
                    }
                }
                p = q + 1;
            }
            sentencesRead += read;
            tooLong += longLines;
            reservedChar += reserved;
            selected += chosen;
        }

        /** Where {@link #cutRaw} stopped: the line's end ('\n' or the end of the text) after DONE, else inside the line. */
        int stop;
        /** The runs {@link #cutRaw} found; their starts are the cutter's {@link RunCutter#cutsFor cuts}. */
        int cutRuns;

        /**
         * Cuts the raw line at {@code from} (up to its '\n' or {@code to}) at its walls in one pass, keyed by its raw
         * bytes (a space stands for the U+2581 the normalizer would write: see {@link Result#spaceIsWhitespaceSymbol}),
         * when the normalizer only escapes spaces and the line is valid UTF-8 holding no meta piece. Returns DONE,
         * RESERVED (a U+2585) or SLOW (take the general path). Cutting the whole line at its walls also splits it
         * into words: with prefix whitespace, every word start is a wall.
         */
        int cutRaw(byte[] b, int from, int to) {
            stop = from;
            if (!rawPath) return SLOW;
            // a line longer than max_sentence_length is skipped: cutting stops past that many bytes, so the cuts
            // need room for no more (sized by the slice, they took 8 MB per worker)
            int limit = (int) Math.min(to, (long) from + o.maxSentenceLength + 1);
            int[] cuts = cutter.cutsFor(limit - from);
            // the tables in locals: C1, which compiles the training run, would load each field again per byte
            byte[] cls = walls.cls, byByte = byteClass;
            byte[] wall = walls.wall;
            boolean[] metaStart = CorpusCounter.this.metaStart;
            int n = 0, prev = walls.walledClass();
            int p = from, lineEnd = -1;  // found once a meta piece may start (a line of markup has many '<')
            for (; p < limit; ) {
                int x = b[p];
                int k = byByte[x & 0xFF] & 0xFF, mblen = 1;
                if (k == OTHER) {  // a '\n', a byte that may start a meta piece, or a multi-byte char
                    if (x == '\n') break;
                    // a line holding a meta piece (<s>, <0x41>, a user symbol...) takes the general path; one with just a '<' need not
                    if (metaStart[x & 0xFF]) {
                        if (lineEnd < 0) lineEnd = lineEnd(b, p, to);
                        if (!metaMatchesRaw || metaMatcher.match(b, p, lineEnd) > 0) {
                            stop = p;
                            return SLOW;
                        }
                    }
                    int c = x;
                    if (x < 0) {
                        int b1, b2;
                        // a well-formed 3-byte char (CJK and most other non-Latin text) without a call: C1 does not
                        // inline the decoder
                        if ((x & 0xF0) == 0xE0 && p + 2 < to && ((b1 = b[p + 1]) & 0xC0) == 0x80
                                && ((b2 = b[p + 2]) & 0xC0) == 0x80
                                && (c = (x & 0x0F) << 12 | (b1 & 0x3F) << 6 | (b2 & 0x3F)) >= 0x800
                                && (c < 0xD800 || c > 0xDFFF) && c != PieceValidator.UNK_CHAR) {
                            mblen = 3;
                        } else {
                            int d = Utf8.decode(b, p, to);  // a '\n' is no continuation byte: the line's end bounds it as well
                            mblen = Utf8.len(d);
                            c = Utf8.cp(d);
                            if (c == Utf8.ERROR && mblen != 3 || c == PieceValidator.UNK_CHAR) {
                                stop = p;
                                return c == PieceValidator.UNK_CHAR ? RESERVED : SLOW;  // malformed: the normalizer writes U+FFFD
                            }
                        }
                    }
                    k = cls[c] & 0xFF;
                }
                // as in RunCutter.cut: every start is written, the count moves only at a wall
                cuts[n] = p;
                n += wall[prev << 8 | k];
                prev = k;
                p += mblen;
            }
            stop = p;
            if (p >= limit && limit < to) return SLOW;  // too long (its end is found by the caller)
            cutRuns = n;
            return DONE;
        }

        /** Normalizes one sentence, turns meta pieces into TAB and counts its units. */
        void sentence(byte[] t, int from, int to, long count) {
            normalizer.normalize(t, from, to, norm);
            // meta pieces (<unk>, <s>, user symbols, <0xNN>...) become TAB; most text has none, so copy runs
            byte[] n = norm.data;
            int end = norm.size;
            ByteBuf unit = norm;
            int p = 0;
            while (p < end && !metaMatcher.canStartWith(n[p])) p++;
            if (p < end) {
                replaced.clear();
                int runStart = 0;
                while (p < end) {
                    int m = metaMatcher.canStartWith(n[p]) ? metaMatcher.match(n, p, end) : 0;
                    if (m > 0) {
                        replaced.add(n, runStart, p - runStart);
                        replaced.add((byte) '\t');
                        p += m;
                        runStart = p;
                    } else {
                        p += Math.min(Utf8.oneCharLen(n[p]), end - p);
                    }
                }
                replaced.add(n, runStart, end - runStart);
                unit = replaced;
            }
            if (unit.size == 0) {
                empty++;
                return;
            }
            freq = count;
            if (o.splitByWhitespace) splitter.split(unit.data, 0, unit.size, sink);
            else add(unit.data, 0, unit.size);
        }
    }

    Result count(List<Path> files, Phases phases) throws IOException, InterruptedException {
        boolean plainFiles = o.inputFormat.isEmpty() || o.inputFormat.equals("text");
        for (Path f : files) plainFiles &= !InputFiles.looksLikeJsonl(f) && !InputFiles.isCompressed(f);
        return plainFiles ? countSlices(files, phases) : countStream(files, phases);
    }

    /**
     * Slices of this size are read and counted by the workers in parallel (tests make them small). Small enough
     * that the workers finish close together (one waits for the other's last slice at most; 8 MB slices left a
     * core idle for up to 0.1 s at the end of tok_large), large enough that a read per slice costs nothing.
     */
    static int sliceBytes = 2 << 20;

    /** Work on one slice of whole lines: {@code text[0, length)} is slice number {@code index}. */
    private interface SliceJob {
        void run(Worker worker, int index, byte[] text, int length) throws IOException;
    }

    /** The slices of the files: file index, start, end (each starts at a line start). */
    private static List<long[]> slices(List<Path> files) throws IOException {
        List<long[]> slices = new ArrayList<>();
        for (int f = 0; f < files.size(); f++) {
            try (FileChannel ch = FileChannel.open(files.get(f), StandardOpenOption.READ)) {
                long size = ch.size(), start = 0;
                while (start < size) {
                    long end = lineStartAfter(ch, Math.min(size, start + sliceBytes), size);
                    if (end - start > Integer.MAX_VALUE - 16) {
                        throw new IOException(files.get(f) + ": a line at byte " + start + " is longer than 2 GB");
                    }
                    slices.add(new long[]{f, start, end});
                    start = end;
                }
            }
        }
        return slices;
    }

    /** Reads the slices on {@code workers.length} threads, each into its own buffer, and runs the job on each. */
    private void eachSlice(List<Path> files, List<long[]> slices, Worker[] workers, SliceJob job)
            throws IOException, InterruptedException {
        java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicLong bytes = new java.util.concurrent.atomic.AtomicLong();
        try {
            Parts.run(workers.length, "bpe-count", t -> {
                // made by its own thread, so that its hot fields do not share a cache line with another worker's
                if (workers[t] == null) workers[t] = new Worker();
                Worker w = workers[t];
                byte[] buf = new byte[0];
                try {
                    for (int i; (i = next.getAndIncrement()) < slices.size(); ) {
                        long[] sl = slices.get(i);
                        int len = (int) (sl[2] - sl[1]);
                        if (buf.length < len) buf = new byte[len];
                        try (FileChannel ch = FileChannel.open(files.get((int) sl[0]), StandardOpenOption.READ)) {
                            java.nio.ByteBuffer bb = java.nio.ByteBuffer.wrap(buf, 0, len);
                            while (bb.hasRemaining()) {
                                if (ch.read(bb, sl[1] + bb.position()) < 0) throw new IOException(files.get((int) sl[0]) + " shrank while reading");
                            }
                        }
                        job.run(w, i, buf, len);
                        long done = bytes.addAndGet(len);
                        if (log != null && (done - len) / (256 << 20) != done / (256 << 20)) {
                            log.printf("[train] read %,.1f MB%n", done / 1e6);
                        }
                    }
                } catch (Throwable e) {
                    next.set(slices.size());  // the other workers stop too
                    throw e;
                }
            });
        } catch (RuntimeException | Error e) {
            // Parts wraps a checked exception (here only an IOException) in an IllegalStateException
            if (e.getCause() instanceof IOException io && e instanceof IllegalStateException) throw io;
            throw new IllegalStateException("counting failed", e);
        }
    }

    /**
     * Uncompressed text files: every worker reads slices of whole lines straight from the files (no per-line copies,
     * no hand-off) and counts them into its own map. A sample (--input_sentence_size) takes one more parallel pass
     * first: it numbers the valid sentences of each slice, then draws the sample on the numbers alone (the same
     * draws as the streaming reservoir), so that the counting pass keeps exactly the sentences the stream would.
     */
    private Result countSlices(List<Path> files, Phases phases) throws IOException, InterruptedException {
        List<long[]> slices = slices(files);
        int threads = Math.max(1, Math.min(o.numThreads, slices.size()));
        long bytes = 0;
        for (long[] slice : slices) bytes += slice[2] - slice[1];
        expectedRunsPerPart = expectedDistinctRuns(bytes) / Math.max(1, o.numThreads);
        Worker[] workers = new Worker[threads];
        java.util.BitSet chosen = null;
        long[] firstNumber = new long[slices.size() + 1];
        long limit = Long.MAX_VALUE;
        if (o.inputSentenceSize > 0) {
            long[] valid = new long[slices.size()];
            eachSlice(files, slices, workers, (w, i, text, len) -> valid[i] = validSentences(text, len));
            for (int i = 0; i < valid.length; i++) firstNumber[i + 1] = firstNumber[i] + valid[i];
            long total = firstNumber[valid.length];
            if (total > Integer.MAX_VALUE) return countStream(files, phases);
            if (!o.shuffleInputSentence) {
                limit = o.inputSentenceSize;
                chosen = new java.util.BitSet();
                chosen.set(0, (int) Math.min(total, o.inputSentenceSize));
            } else if (total > o.inputSentenceSize) {
                chosen = ReservoirSampler.chosen(o.inputSentenceSize, o.seed, (int) total);
            }
            phases.mark("number sentences");
        }
        java.util.BitSet sample = chosen;
        long stop = limit;
        // fewer than half the lines chosen: cutting the others too would cost more than checking them apart
        boolean sparse = chosen != null && o.shuffleInputSentence && o.inputSentenceSize * 2 < firstNumber[slices.size()];
        eachSlice(files, slices, workers, (w, i, text, len) -> {
            if (firstNumber[i] < stop) w.lines(text, 0, len, sample, sparse, firstNumber[i], stop);
        });
        List<Worker> all = new ArrayList<>(List.of(workers));
        Result r = new Result();
        for (long[] sl : slices) r.bytesRead += sl[2] - sl[1];
        for (Worker w : all) {
            r.sentencesRead += w.sentencesRead;
            r.tooLong += w.tooLong;
            r.reservedChar += w.reservedChar;
            r.selected += w.selected;
        }
        // a last line without '\n' is counted as if it had one, as the streaming reader does
        for (Path f : files) if (Files.size(f) > 0 && !endsWithNewline(f)) r.bytesRead++;
        phases.mark("read+split+count");
        mergeWorkers(r, all);
        phases.mark("merge counts, count chars");
        return r;
    }

    /** Sentences of a slice the sampler sees: non-empty, not too long, without U+2585. */
    private long validSentences(byte[] b, int to) {
        long n = 0;
        boolean reserved = false;
        // from one '\n' or possible start of U+2585 (E2 96 85) to the next, eight bytes a step
        for (int p = 0, q = 0; ; ) {
            q = ByteScan.indexOfEither(b, q, to, (byte) '\n', (byte) 0xE2);
            if (q < to && b[q] != '\n') {
                reserved |= isReservedCharAt(b, q, to);
                q++;
                continue;
            }
            if (q > p && q - p <= o.maxSentenceLength && !reserved) n++;
            if (q >= to) return n;
            p = q = q + 1;
            reserved = false;
        }
    }

    /** The first line start at or after {@code pos} (or size). */
    private static long lineStartAfter(FileChannel ch, long pos, long size) throws IOException {
        if (pos >= size) return size;
        java.nio.ByteBuffer bb = java.nio.ByteBuffer.allocate(1 << 16);
        for (long at = pos - 1; at < size; ) {
            bb.clear();
            int n = ch.read(bb, at);
            if (n <= 0) break;
            for (int i = 0; i < n; i++) if (bb.get(i) == '\n') return at + i + 1;
            at += n;
        }
        return size;
    }

    private static boolean endsWithNewline(Path f) throws IOException {
        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.READ)) {
            java.nio.ByteBuffer bb = java.nio.ByteBuffer.allocate(1);
            ch.read(bb, ch.size() - 1);
            return bb.get(0) == '\n';
        }
    }

    private void mergeWorkers(Result r, List<Worker> workers) throws InterruptedException {
        if (workers.isEmpty()) workers = List.of(new Worker());
        r.spaceIsWhitespaceSymbol = rawPath;  // both readers count raw lines where they can
        RunCounts[] all = new RunCounts[workers.size()];
        for (int i = 0; i < all.length; i++) all[i] = workers.get(i).cutter.runs;
        // each part's chars are counted by the thread that merged it, right after (part 0 is the caller's: it
        // adds into the first worker's single-char counts, which become the total)
        int parts = all[0].parts.length;
        long[][] partChars = new long[parts][];
        r.runChars = new long[parts];
        boolean spaceIsWs = rawPath;
        long[] total = workers.get(0).cutter.singles();
        r.runs = RunCounts.merge(all, (k, part) ->
                r.runChars[k] = countChars(part, spaceIsWs, partChars[k] = k == 0 ? total : new long[0x110000]));
        for (int k = 1; k < parts; k++) RunCutter.addCounts(total, partChars[k]);
        for (int i = 1; i < workers.size(); i++) workers.get(i).cutter.addSinglesTo(total);
        r.chars = total;
        for (Worker w : workers) r.emptyAfterNormalization += w.empty;
    }

    /**
     * Adds the chars of every distinct run in {@code part}, times the run's count, to {@code perChar} (NUL
     * excluded; a space stands for U+2581 when {@code spaceIsWs}); returns how many chars the runs hold.
     */
    private static long countChars(ByteCountMap part, boolean spaceIsWs, long[] perChar) {
        byte[] text = part.arena();
        long chars = 0;
        int space = spaceIsWs ? PieceValidator.WS : ' ';
        long nul = perChar[0];
        for (int e = 0, n = part.size(); e < n; e++) {
            long cnt = part.count(e);
            for (int p = part.offset(e), end = p + part.length(e); p < end; chars++) {
                // ASCII without a call (C1, which compiles the training run, does not inline the decoder)
                int x = text[p], c;
                if (x >= 0) {
                    c = x == ' ' ? space : x;
                    p++;
                } else {
                    int d = Utf8.decodeWellFormed(text, p);
                    p += Utf8.len(d);
                    c = Utf8.cp(d);
                }
                perChar[c] += cnt;
            }
        }
        perChar[0] = nul;  // runs hold no NUL; counted or not, NUL never enters the alphabet's counts
        return chars;
    }

    /** Any input, read by one thread and counted by the workers (JSONL, TSV, compressed files, sampling). */
    private Result countStream(List<Path> files, Phases phases) throws IOException, InterruptedException {
        Result r = new Result();
        int threads = o.numThreads;
        ExecutorService pool = Executors.newFixedThreadPool(threads, runnable -> {
            Thread t = new Thread(runnable, "bpe-count");
            t.setDaemon(true);
            return t;
        });
        List<Worker> workers = new ArrayList<>();
        ThreadLocal<Worker> mine = ThreadLocal.withInitial(() -> {
            Worker w = new Worker();
            synchronized (workers) { workers.add(w); }
            return w;
        });
        Semaphore inFlight = new Semaphore(threads * 2);
        List<Future<?>> futures = new ArrayList<>();
        boolean shuffleSample = o.inputSentenceSize > 0 && o.shuffleInputSentence;
        ReservoirSampler<Sentence> reservoir = shuffleSample ? new ReservoirSampler<>(o.inputSentenceSize, o.seed) : null;
        List<Sentence> batch = new ArrayList<>(BATCH);
        long lastLog = System.nanoTime();
        ObjectMapper json = new ObjectMapper();
        boolean tsv = o.inputFormat.equals("tsv");
        try {
            outer:
            for (Path file : files) {
                boolean jsonl = o.inputFormat.equals("jsonl") || (o.inputFormat.isEmpty() && InputFiles.looksLikeJsonl(file));
                try (InputStream in = new BufferedInputStream(InputFiles.open(file), 1 << 20)) {
                    LineReader lines = new LineReader(in);
                    for (byte[] line; (line = lines.next()) != null; ) {
                        r.bytesRead += line.length + 1;
                        List<byte[]> sentences;
                        if (jsonl) {
                            sentences = jsonSentences(json, line, file, lines.lineNumber(), r);
                        } else {
                            sentences = List.of(line);
                        }
                        for (byte[] s : sentences) {
                            long freq = 1;
                            if (tsv) {
                                int tab = indexOf(s, (byte) '\t');
                                if (tab < 0 || indexOf(Arrays.copyOfRange(s, tab + 1, s.length), (byte) '\t') >= 0) {
                                    throw new IOException(file + ":" + lines.lineNumber() + ": input format must be: sentence <tab> freq");
                                }
                                try {
                                    freq = Long.parseLong(new String(s, tab + 1, s.length - tab - 1, StandardCharsets.US_ASCII).trim());
                                } catch (NumberFormatException e) {
                                    throw new IOException(file + ":" + lines.lineNumber() + ": could not parse the frequency");
                                }
                                if (freq < 1) throw new IOException(file + ":" + lines.lineNumber() + ": frequency must be >= 1");
                                s = Arrays.copyOf(s, tab);
                            }
                            if (s.length == 0) continue;
                            r.sentencesRead++;
                            if (s.length > o.maxSentenceLength) {
                                r.tooLong++;
                                continue;
                            }
                            if (containsReservedChar(s)) {
                                r.reservedChar++;
                                continue;
                            }
                            Sentence sentence = new Sentence(s, freq);
                            if (reservoir != null) {
                                reservoir.add(sentence);
                                continue;
                            }
                            r.selected++;
                            batch.add(sentence);
                            if (batch.size() == BATCH) {
                                submit(pool, inFlight, futures, mine, batch);
                                batch = new ArrayList<>(BATCH);
                            }
                            if (o.inputSentenceSize > 0 && r.selected >= o.inputSentenceSize) break outer;
                        }
                        if (log != null && System.nanoTime() - lastLog > 5_000_000_000L) {
                            lastLog = System.nanoTime();
                            log.printf("[train] read %,d sentences, %,.1f MB%n", r.sentencesRead, r.bytesRead / 1e6);
                        }
                    }
                }
            }
            if (reservoir != null) {
                for (Sentence s : reservoir.sample()) {
                    r.selected++;
                    batch.add(s);
                    if (batch.size() == BATCH) {
                        submit(pool, inFlight, futures, mine, batch);
                        batch = new ArrayList<>(BATCH);
                    }
                }
            }
            if (!batch.isEmpty()) submit(pool, inFlight, futures, mine, batch);
            for (Future<?> f : futures) f.get();
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("counting failed", e.getCause());
        } finally {
            pool.shutdownNow();
        }
        phases.mark("read+split+count");
        mergeWorkers(r, workers);
        phases.mark("merge counts, count chars");
        return r;
    }

    private void submit(ExecutorService pool, Semaphore inFlight, List<Future<?>> futures, ThreadLocal<Worker> mine,
                        List<Sentence> batch) throws InterruptedException {
        inFlight.acquire();
        futures.add(pool.submit(() -> {
            try {
                mine.get().process(batch);
            } finally {
                inFlight.release();
            }
        }));
    }

    private List<byte[]> jsonSentences(ObjectMapper json, byte[] line, Path file, long lineNo, Result r) {
        if (line.length == 0) return List.of();
        try {
            JsonNode node = json.readTree(line);
            JsonNode text = node == null ? null : node.get(o.inputField);
            if (text == null || !text.isTextual()) {
                r.badJson++;
                return List.of();
            }
            List<byte[]> out = new ArrayList<>();
            for (String s : text.asText().split("\n", -1)) out.add(s.getBytes(StandardCharsets.UTF_8));
            return out;
        } catch (IOException e) {
            r.badJson++;
            if (r.badJson <= 5 && log != null) log.println("[train] " + file + ":" + lineNo + ": skipped bad JSON (" + e.getMessage() + ")");
            return List.of();
        }
    }

    private static int indexOf(byte[] s, byte b) {
        for (int i = 0; i < s.length; i++) if (s[i] == b) return i;
        return -1;
    }

    private static boolean containsReservedChar(byte[] s) {
        return containsReservedChar(s, 0, s.length);
    }

    /** The first '\n' in {@code s[from, to)}, or {@code to}. */
    private static int lineEnd(byte[] s, int from, int to) {
        return ByteScan.indexOf(s, from, to, (byte) '\n');
    }

    private static boolean containsReservedChar(byte[] s, int from, int to) {
        for (int i = from; i + 2 < to; i++) if (isReservedCharAt(s, i, to)) return true;
        return false;
    }

    /** U+2585 (the trainer's unknown-char marker) in UTF-8 is E2 96 85. */
    private static boolean isReservedCharAt(byte[] s, int i, int to) {
        return s[i] == (byte) 0xE2 && i + 2 < to && s[i + 1] == (byte) 0x96 && s[i + 2] == (byte) 0x85;
    }
}
