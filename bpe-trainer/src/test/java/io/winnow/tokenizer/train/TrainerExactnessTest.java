package io.winnow.tokenizer.train;

import io.winnow.tokenizer.SharedCorpora;
import io.winnow.tokenizer.SpmReference;
import io.winnow.tokenizer.model.Piece;
import io.winnow.tokenizer.model.SentencePieceModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Full piece-list comparison (piece, order, score bits, type) against SentencePiece 0.2.2 trained with the same
 * flags on tok_5mb.txt (5 MB of en/zh/code).
 */
class TrainerExactnessTest {
    /** (a) Baichuan 2's recipe at vocab 8,000 (coverage 0.9995: at 0.9999 the alphabet alone needs 8,322 pieces). */
    static final String[] BAICHUAN_8K = {"model_type=bpe", "vocab_size=8000", "normalization_rule_name=identity",
            "add_dummy_prefix=false", "remove_extra_whitespaces=false", "split_digits=true", "byte_fallback=true",
            "allow_whitespace_only_pieces=true", "max_sentencepiece_length=32"};

    /** (c) user-defined and control symbols, max length 32, coverage 0.9999, default whitespace handling. */
    static final String[] USER_SYMBOLS = {"model_type=bpe", "vocab_size=12000", "normalization_rule_name=identity",
            "max_sentencepiece_length=32", "character_coverage=0.9999", "pad_id=3", "control_symbols=<ctl>",
            "user_defined_symbols=<reserved_1>,<|endoftext|>,▁▁▁▁,的,def,http"};

    static String[] plus(String[] a, String... more) {
        List<String> l = new ArrayList<>(List.of(a));
        l.addAll(List.of(more));
        return l.toArray(String[]::new);
    }

    static void assertSameAsSentencePiece(String... flags) throws Exception {
        Path corpus = SharedCorpora.tok5mb();
        SentencePieceModel expected = SentencePieceModel.read(SpmReference.trainCached(corpus, flags));
        TrainerOptions o = TrainerFlags.parse(plus(flags, "input=" + corpus));
        SentencePieceModel ours = new BpeTrainer(o, null).train().model();
        assertEquals(expected.size(), ours.size(), "vocabulary size");
        List<String> diffs = new ArrayList<>();
        for (int i = 0; i < expected.size(); i++) {
            Piece e = expected.piece(i), g = ours.piece(i);
            if (!e.piece().equals(g.piece()) || Float.floatToRawIntBits(e.score()) != Float.floatToRawIntBits(g.score())
                    || e.type() != g.type()) {
                diffs.add("id " + i + ": spm " + e + " ours " + g);
            }
        }
        assertTrue(diffs.isEmpty(), diffs.size() + " of " + expected.size() + " pieces differ, first: "
                + diffs.subList(0, Math.min(10, diffs.size())));
        // the normalizer spec loads the same way
        assertEquals(expected.normalizerSpec().name(), ours.normalizerSpec().name());
        assertEquals(expected.normalizerSpec().addDummyPrefix(), ours.normalizerSpec().addDummyPrefix());
        assertEquals(expected.normalizerSpec().removeExtraWhitespaces(), ours.normalizerSpec().removeExtraWhitespaces());
        assertArrayEquals(expected.normalizerSpec().precompiledCharsmap(), ours.normalizerSpec().precompiledCharsmap());
    }

    @Test
    void baichuanFlagsVocab8k() throws Exception {
        assertSameAsSentencePiece(BAICHUAN_8K);
    }

    @Test
    void wholeSentencesWithoutWhitespaceSplit() throws Exception {
        assertSameAsSentencePiece(plus(BAICHUAN_8K, "split_by_whitespace=false"));
    }

    @Test
    void userDefinedSymbolsLongPiecesHighCoverage() throws Exception {
        assertSameAsSentencePiece(USER_SYMBOLS);
    }

    /**
     * The flags that decide where no piece can reach (and so where the trainer cuts its units): suffix whitespace,
     * numbers joined to letters, scripts mixed, digits kept together, whitespace-only pieces refused, a dummy prefix
     * with extra whitespace removed (the normalizing reader), pieces of at most two chars, and user symbols found in
     * raw lines.
     */
    @ParameterizedTest
    @ValueSource(strings = {"treat_whitespace_as_suffix=true", "split_by_number=false", "split_by_unicode_script=false",
            "split_digits=false;allow_whitespace_only_pieces=false",
            "add_dummy_prefix=true;remove_extra_whitespaces=true", "max_sentencepiece_length=2",
            "user_defined_symbols=def,http,<|endoftext|>,的"})
    void wallFlags(String flags) throws Exception {
        assertSameAsSentencePiece(plus(BAICHUAN_8K, plus(flags.split(";"), "vocab_size=4000", "character_coverage=0.995")));
    }

    @Test
    void firstSentencesOnly() throws Exception {
        assertSameAsSentencePiece(plus(BAICHUAN_8K, "input_sentence_size=20000", "shuffle_input_sentence=false"));
    }

    /**
     * The threads split reading, counting, pair counting and the large merges (every merge, in the last model: two
     * threads rewrite even a merge of two units); the model must not depend on how many there are.
     */
    @Test
    void sameModelWhateverTheThreads() throws Exception {
        Path corpus = SharedCorpora.tok5mb();
        List<SentencePieceModel> models = new ArrayList<>();
        for (String threads : new String[]{"1", "2", "3", "2 splitting every merge"}) {
            int minUnits = BpeMerger.parallelMinUnits;
            if (threads.contains("every")) BpeMerger.parallelMinUnits = 1;
            try {
                models.add(new BpeTrainer(TrainerFlags.parse(plus(BAICHUAN_8K, "input=" + corpus,
                        "num_threads=" + threads.split(" ")[0])), null).train().model());
            } finally {
                BpeMerger.parallelMinUnits = minUnits;
            }
        }
        for (SentencePieceModel m : models.subList(1, models.size())) {
            assertEquals(models.get(0).size(), m.size());
            for (int i = 0; i < m.size(); i++) assertEquals(models.get(0).piece(i), m.piece(i), "piece " + i);
        }
    }

    /**
     * A sample of plain text files is drawn in parallel (sentences numbered per slice, the reservoir's draws made on
     * the numbers); it must keep exactly what the streaming reader keeps (used for compressed input). Small slices
     * make the numbering cross many slice boundaries. 20,000 of tok_5mb's 51,766 lines is a sparse sample (only the
     * chosen lines are cut), 40,000 a dense one (every line is cut while it is checked).
     */
    @Test
    void parallelSampleKeepsWhatTheStreamKeeps() throws Exception {
        Path corpus = SharedCorpora.tok5mb();
        Path gz = gzip(java.nio.file.Files.readAllBytes(corpus),
                java.nio.file.Files.createTempDirectory("sample").resolve("tok_5mb.txt.gz"));
        for (String[] sample : List.of(new String[]{"input_sentence_size=20000", "shuffle_input_sentence=true"},
                new String[]{"input_sentence_size=40000", "shuffle_input_sentence=true"},
                new String[]{"input_sentence_size=20000", "shuffle_input_sentence=false"},
                new String[]{"input_sentence_size=100000000", "shuffle_input_sentence=true"})) {
            String[] flags = plus(plus(BAICHUAN_8K, sample), "num_threads=2", "max_sentence_length=2000");
            String what = String.join(" ", sample);
            BpeTrainer.Result[] r = slicedAndStreamed(flags, corpus.toString(), gz.toString(), 64 << 10, what);
            assertEquals(r[1].skippedTooLong(), r[0].skippedTooLong(), what + ": too long");
            assertTrue(r[0].skippedTooLong() > 0, "the corpus has lines over 2,000 bytes");
        }
    }

    /**
     * Several input files (one empty, one without a last newline) are numbered as one stream: the parallel sample of
     * the plain files keeps what the streaming reader keeps from their gzipped copies.
     */
    @Test
    void parallelSampleAcrossFiles() throws Exception {
        byte[] all = java.nio.file.Files.readAllBytes(SharedCorpora.tok5mb());
        Path dir = java.nio.file.Files.createTempDirectory("files");
        int cut1 = nextLineStart(all, all.length / 3), cut2 = nextLineStart(all, 2 * all.length / 3);
        byte[][] parts = {java.util.Arrays.copyOfRange(all, 0, cut1), new byte[0],
                java.util.Arrays.copyOfRange(all, cut1, cut2 - 1),  // ends inside a line: no last newline
                java.util.Arrays.copyOfRange(all, cut2, all.length)};
        List<String> plain = new ArrayList<>(), gz = new ArrayList<>();
        for (int i = 0; i < parts.length; i++) {
            Path f = dir.resolve("part" + i + ".txt");
            java.nio.file.Files.write(f, parts[i]);
            plain.add(f.toString());
            gz.add(gzip(parts[i], dir.resolve("part" + i + ".txt.gz")).toString());
        }
        String[] flags = plus(BAICHUAN_8K, "input_sentence_size=30000", "num_threads=2");
        BpeTrainer.Result[] r = slicedAndStreamed(flags, String.join(",", plain), String.join(",", gz), 256 << 10, "files");
        assertEquals(30000, r[0].sentences());
    }

    /**
     * Trains on the plain input (read in parallel slices of {@code sliceBytes}) and on its gzipped copy (read by the
     * streaming reader); both must keep the same number of sentences and give the same pieces. Returns both results.
     */
    private static BpeTrainer.Result[] slicedAndStreamed(String[] flags, String plain, String gz, int sliceBytes,
                                                         String what) throws Exception {
        int slices = CorpusCounter.sliceBytes;
        CorpusCounter.sliceBytes = sliceBytes;
        try {
            BpeTrainer.Result sliced = new BpeTrainer(TrainerFlags.parse(plus(flags, "input=" + plain)), null).train();
            BpeTrainer.Result streamed = new BpeTrainer(TrainerFlags.parse(plus(flags, "input=" + gz)), null).train();
            assertEquals(streamed.sentences(), sliced.sentences(), what + ": sentences kept");
            assertEquals(streamed.model().size(), sliced.model().size());
            for (int i = 0; i < streamed.model().size(); i++) {
                assertEquals(streamed.model().piece(i), sliced.model().piece(i), what + ": piece " + i);
            }
            return new BpeTrainer.Result[]{sliced, streamed};
        } finally {
            CorpusCounter.sliceBytes = slices;
        }
    }

    private static Path gzip(byte[] bytes, Path to) throws java.io.IOException {
        try (var out = new java.util.zip.GZIPOutputStream(java.nio.file.Files.newOutputStream(to))) {
            out.write(bytes);
        }
        return to;
    }

    private static int nextLineStart(byte[] b, int from) {
        int p = from;
        while (b[p] != '\n') p++;
        return p + 1;
    }

    /**
     * --input_sentence_size with shuffling draws the sentences SentencePiece's reservoir sampler draws when built
     * with GCC's libstdc++ (std::mt19937 seeded 12345678, uniform_int_distribution): Debian's spm_train 0.1.97
     * trained on tok_5mb with a 20,000-sentence sample and trained on exactly our sample give the same vocabulary.
     * (The pip 0.2.2 wheel draws differently; its sampler is not reproduced.)
     */
    @Test
    void reservoirSampleDrawnAsSpmTrainDraws() throws Exception {
        Path corpus = SharedCorpora.tok5mb();
        Path dir = java.nio.file.Files.createTempDirectory("sample");
        ReservoirSampler<byte[]> sampler = new ReservoirSampler<>(20000, 12345678);
        for (byte[] line : SpmReference.byteLines(corpus)) {
            String s = new String(line, java.nio.charset.StandardCharsets.UTF_8);
            if (line.length == 0 || line.length > 4192 || s.contains("\u2585")) continue;
            sampler.add(line);
        }
        java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();
        for (byte[] line : sampler.sample()) {
            b.writeBytes(line);
            b.write('\n');
        }
        Path ours = dir.resolve("ours.txt");
        java.nio.file.Files.write(ours, b.toByteArray());
        String[] flags = {"--model_type=bpe", "--vocab_size=8000", "--normalization_rule_name=identity",
                "--byte_fallback=true", "--split_digits=true", "--minloglevel=2"};
        spmTrain(corpus, dir.resolve("shuffled"), plus(flags, "--input_sentence_size=20000", "--shuffle_input_sentence=true"));
        spmTrain(ours, dir.resolve("fromours"), flags);
        assertEquals(java.nio.file.Files.readString(dir.resolve("shuffled.vocab")),
                java.nio.file.Files.readString(dir.resolve("fromours.vocab")));
    }

    private static void spmTrain(Path input, Path prefix, String... flags) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("spm_train", "--input=" + input, "--model_prefix=" + prefix));
        cmd.addAll(List.of(flags));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertEquals(0, p.waitFor(), "spm_train (Debian package sentencepiece, see .ci/setup.d/20-tokenizer.sh) failed: " + cmd);
    }

    @Test
    void mersenneTwisterMatchesTheStandard() {
        Mt19937 mt = new Mt19937(5489);
        assertEquals(3499211612L, mt.next());
        for (int i = 2; i < 10000; i++) mt.next();
        assertEquals(4123659995L, mt.next(), "the 10000th output of a default-seeded std::mt19937");
    }

    @Test
    void coverageTooHighForVocabFailsAsSentencePieceDoes() throws Exception {
        Path corpus = SharedCorpora.tok5mb();
        TrainerOptions o = TrainerFlags.parse(plus(BAICHUAN_8K, "character_coverage=0.9999", "input=" + corpus));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new BpeTrainer(o, null).train());
        assertEquals("Vocabulary size is smaller than required_chars. 8000 vs 8322. Increase vocab_size or decrease "
                + "character_coverage with --character_coverage option.", e.getMessage());
    }
}
