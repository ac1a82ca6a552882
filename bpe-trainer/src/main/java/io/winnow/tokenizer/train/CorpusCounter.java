package io.winnow.tokenizer.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.winnow.tokenizer.text.ByteBuf;
import io.winnow.tokenizer.text.Normalizer;
import io.winnow.tokenizer.text.PrefixMatcher;
import io.winnow.tokenizer.text.Utf8;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;

/**
 * Streams the training input once and keeps only what BPE needs: the count of each distinct unit (a word, or a
 * whole sentence with split_by_whitespace=false). Applies SentencePiece's sentence rules in order: skip empty
 * lines, lines longer than max_sentence_length bytes and lines with U+2585; select (first N, or a reservoir
 * sample); normalize; replace meta pieces by TAB; drop sentences that became empty. Counting runs on
 * {@code num_threads} workers with private maps merged at the end.
 */
final class CorpusCounter {
    private static final int BATCH = 4096;

    static final class Result {
        ByteCountMap units = new ByteCountMap();
        long sentencesRead, tooLong, reservedChar, selected, emptyAfterNormalization, bytesRead, badJson;
    }

    private final TrainerOptions o;
    private final Normalizer normalizer;
    private final PrefixMatcher metaMatcher;
    private final WordSplitter splitter;
    private final PrintStream log;

    CorpusCounter(TrainerOptions o, List<String> metaPieces, PrintStream log) {
        this.o = o;
        this.normalizer = new Normalizer(o.toNormalizerSpec(), o.treatWhitespaceAsSuffix);
        this.metaMatcher = new PrefixMatcher(metaPieces);
        this.splitter = new WordSplitter(o.treatWhitespaceAsSuffix, o.allowWhitespaceOnlyPieces);
        this.log = log;
    }

    private record Sentence(byte[] text, long freq) {}

    /** Per-worker state. */
    private final class Worker {
        final ByteCountMap units = new ByteCountMap();
        final ByteBuf norm = new ByteBuf(1024), replaced = new ByteBuf(1024);
        long empty;
        long freq;
        final WordSplitter.WordSink sink = this::add;

        void add(byte[] s, int off, int len) {
            units.add(s, off, len, freq);
        }

        void process(List<Sentence> batch) {
            for (Sentence sentence : batch) {
                byte[] t = sentence.text();
                normalizer.normalize(t, 0, t.length, norm);
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
                    continue;
                }
                freq = sentence.freq();
                if (o.splitByWhitespace) splitter.split(unit.data, 0, unit.size, sink);
                else add(unit.data, 0, unit.size);
            }
        }
    }

    Result count(List<Path> files, Phases phases) throws IOException, InterruptedException {
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
        // merge the workers' maps into the largest
        workers.sort((a, b) -> Integer.compare(b.units.size(), a.units.size()));
        if (!workers.isEmpty()) r.units = workers.get(0).units;
        for (int i = 1; i < workers.size(); i++) {
            r.units.addAll(workers.get(i).units);
            workers.get(i).units.freeIndex();
        }
        for (Worker w : workers) r.emptyAfterNormalization += w.empty;
        phases.mark("merge counts");
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

    /** U+2585 (the trainer's unknown-char marker) in UTF-8 is E2 96 85. */
    private static boolean containsReservedChar(byte[] s) {
        for (int i = 0; i + 2 < s.length; i++) {
            if (s[i] == (byte) 0xE2 && s[i + 1] == (byte) 0x96 && s[i + 2] == (byte) 0x85) return true;
        }
        return false;
    }
}
