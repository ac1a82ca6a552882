package io.winnow.tokenizer.cli;

import io.winnow.core.cli.WinnowVersion;
import io.winnow.core.config.Config;
import io.winnow.core.config.ConfigException;
import io.winnow.tokenizer.train.BpeTrainer;
import io.winnow.tokenizer.train.TrainerFlags;
import io.winnow.tokenizer.train.TrainerOptions;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code winnow tokenizer train}: spm_train's BPE flags (same names, meanings and defaults), optionally on top of a
 * YAML config whose keys are the same flag names.
 */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false, versionProvider = WinnowVersion.class,
        description = {"Train a BPE model identical to SentencePiece 0.2.x's for the same input and flags.",
                "Writes PREFIX.model (ModelProto) and PREFIX.vocab. Flags: spm_train's names; booleans take",
                "--flag, --flag=true or --flag=false. --config FILE.yaml sets the same names; flags win."})
public final class TrainCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE.yaml", description = "YAML with flag names as keys (e.g. configs/tokenizers/baichuan2.yaml)")
    Path config;
    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "override one config key (repeatable)")
    List<String> set;

    @Option(names = "--input", paramLabel = "FILES", description = "comma-separated files, directories or globs (.txt, .tsv, .jsonl; .gz/.zst ok)") String input;
    @Option(names = "--input_format", paramLabel = "FMT", description = "text (one sentence per line), tsv (sentence TAB count) or jsonl; default: jsonl by file name, else text") String inputFormat;
    @Option(names = "--input_field", paramLabel = "NAME", description = "jsonl: field holding the text (default: text); its lines are sentences") String inputField;
    @Option(names = "--model_prefix", paramLabel = "PREFIX", description = "output prefix: PREFIX.model, PREFIX.vocab") String modelPrefix;
    @Option(names = "--model_type", paramLabel = "TYPE", description = "bpe (the only type supported)") String modelType;
    @Option(names = "--vocab_size", paramLabel = "N", description = "vocabulary size (default 8000)") String vocabSize;
    @Option(names = "--character_coverage", paramLabel = "F", description = "share of characters covered by the alphabet, in [0.98, 1] (default 0.9995)") String characterCoverage;
    @Option(names = "--max_sentencepiece_length", paramLabel = "N", description = "maximum piece length in code points (default 16)") String maxSentencepieceLength;
    @Option(names = "--max_sentence_length", paramLabel = "BYTES", description = "longer lines are skipped (default 4192)") String maxSentenceLength;
    @Option(names = "--input_sentence_size", paramLabel = "N", description = "use N sentences (0 = all; default 0)") String inputSentenceSize;
    @Option(names = "--shuffle_input_sentence", arity = "0..1", fallbackValue = "true", paramLabel = "BOOL", description = "reservoir-sample the N sentences in one pass instead of taking the first N (default true)") String shuffleInputSentence;
    @Option(names = "--split_digits", arity = "0..1", fallbackValue = "true", paramLabel = "BOOL", description = "digits are single pieces (default false)") String splitDigits;
    @Option(names = "--byte_fallback", arity = "0..1", fallbackValue = "true", paramLabel = "BOOL", description = "add <0x00>..<0xFF> and spell unknown chars as UTF-8 bytes (default false)") String byteFallback;
    @Option(names = "--allow_whitespace_only_pieces", arity = "0..1", fallbackValue = "true", paramLabel = "BOOL", description = "allow pieces of only U+2581 (default false)") String allowWhitespaceOnlyPieces;
    @Option(names = "--split_by_whitespace", arity = "0..1", fallbackValue = "true", paramLabel = "BOOL", description = "train on words instead of whole sentences (default true)") String splitByWhitespace;
    @Option(names = "--split_by_unicode_script", arity = "0..1", fallbackValue = "true", paramLabel = "BOOL", description = "no piece mixes scripts (default true)") String splitByUnicodeScript;
    @Option(names = "--split_by_number", arity = "0..1", fallbackValue = "true", paramLabel = "BOOL", description = "digits are a script of their own (default true)") String splitByNumber;
    @Option(names = "--treat_whitespace_as_suffix", arity = "0..1", fallbackValue = "true", paramLabel = "BOOL", description = "U+2581 ends pieces instead of starting them (default false)") String treatWhitespaceAsSuffix;
    @Option(names = "--user_defined_symbols", paramLabel = "LIST", description = "comma-separated symbols always kept whole") String userDefinedSymbols;
    @Option(names = "--control_symbols", paramLabel = "LIST", description = "comma-separated control symbols") String controlSymbols;
    @Option(names = "--required_chars", paramLabel = "CHARS", description = "characters always in the alphabet") String requiredChars;
    @Option(names = "--normalization_rule_name", paramLabel = "NAME", description = "identity (the only rule supported for training)") String normalizationRuleName;
    @Option(names = "--add_dummy_prefix", arity = "0..1", fallbackValue = "true", paramLabel = "BOOL", description = "prepend a space to each sentence (default true)") String addDummyPrefix;
    @Option(names = "--remove_extra_whitespaces", arity = "0..1", fallbackValue = "true", paramLabel = "BOOL", description = "strip and collapse spaces (default true)") String removeExtraWhitespaces;
    @Option(names = "--hard_vocab_limit", arity = "0..1", fallbackValue = "true", paramLabel = "BOOL", description = "fail if fewer pieces can be made (default true)") String hardVocabLimit;
    @Option(names = "--use_all_vocab", arity = "0..1", fallbackValue = "true", paramLabel = "BOOL", description = "WORD/CHAR only; rejected for BPE as spm does") String useAllVocab;
    @Option(names = "--vocabulary_output_piece_score", arity = "0..1", fallbackValue = "true", paramLabel = "BOOL", description = "write scores in PREFIX.vocab (default true)") String vocabularyOutputPieceScore;
    @Option(names = "--unk_id", paramLabel = "ID") String unkId;
    @Option(names = "--bos_id", paramLabel = "ID", description = "-1 disables") String bosId;
    @Option(names = "--eos_id", paramLabel = "ID", description = "-1 disables") String eosId;
    @Option(names = "--pad_id", paramLabel = "ID", description = "-1 disables (default)") String padId;
    @Option(names = "--unk_piece", paramLabel = "S") String unkPiece;
    @Option(names = "--bos_piece", paramLabel = "S") String bosPiece;
    @Option(names = "--eos_piece", paramLabel = "S") String eosPiece;
    @Option(names = "--pad_piece", paramLabel = "S") String padPiece;
    @Option(names = "--unk_surface", paramLabel = "S", description = "text decoded for <unk>") String unkSurface;
    @Option(names = "--num_threads", paramLabel = "N", description = "threads for reading, counting and laying out the pairs; with 2 or more, large merges run on two (default: all cores)") String numThreads;
    @Option(names = "--seed", paramLabel = "N", description = "seed of the sentence sampler (default 12345678)") String seed;
    @Option(names = "--quiet", description = "no progress on stderr") boolean quiet;

    @Override
    public Integer call() throws Exception {
        return run(this::options, quiet, spec.commandLine().getOut());
    }

    /** Trains with the options {@code options} makes and reports the result on {@code out}; returns the exit code. */
    private static Integer run(Callable<TrainerOptions> options, boolean quiet, PrintWriter out) throws Exception {
        PrintStream err = System.err;
        try {
            TrainerOptions o = options.call();
            long t0 = System.nanoTime();
            BpeTrainer.Result r = new BpeTrainer(o, quiet ? null : err).trainAndSave();
            double secs = (System.nanoTime() - t0) / 1e9;
            out.printf(
                    "trained %s.model: %,d pieces (%,d merges, %,d chars), %,d sentences, %,d distinct runs, coverage %.6f, %.1f s (load %.1f s, merges %.1f s)%n",
                    o.modelPrefix, r.model().size(), r.merges(), r.alphabetSize(), r.sentences(), r.runs(),
                    r.characterCoverage(), secs, r.loadSeconds(), r.mergeSeconds());
            out.flush();
            return 0;
        } catch (IllegalArgumentException | ConfigException e) {
            err.println("tokenizer train: " + e.getMessage());
            return TokenizerCommand.EXIT_USAGE;
        } catch (java.nio.file.NoSuchFileException e) {
            err.println("tokenizer train: no such file: " + e.getFile() + (e.getReason() == null ? "" : " (" + e.getReason() + ")"));
            return TokenizerCommand.EXIT_FAILED;
        }
    }

    /**
     * Runs {@code tokenizer train ARGS} without picocli when {@link #directFlags} can read the arguments; null when
     * picocli has to (then nothing has run).
     */
    static Integer runDirectly(String[] args) throws Exception {
        Map<String, String> flags = directFlags(args);
        if (flags == null) return null;
        boolean quiet = flags.remove("quiet") != null;
        return run(() -> directOptions(flags), quiet, new PrintWriter(System.out, true));
    }

    /** The options {@link #directFlags} read, set as {@link #options()} sets them. */
    static TrainerOptions directOptions(Map<String, String> flags) {
        TrainerOptions o = new TrainerOptions();
        // in the order the command declares them, as options() does: the first bad value is the one picocli names
        for (String name : SPM_FLAGS.keySet()) {
            String value = flags.get(name);
            if (value != null) TrainerFlags.apply(o, name, value);
        }
        return o;
    }

    private static boolean isNegativeNumber(String s) {
        if (s.length() < 2 || s.charAt(0) != '-') return false;
        for (int i = 1; i < s.length(); i++) if (!Character.isDigit(s.charAt(i)) && s.charAt(i) != '.') return false;
        return true;
    }

    /**
     * The flags of {@code tokenizer train ARGS} by name (without "--"), when each argument is one of this command's
     * spm flags as {@code --name=value}, {@code --name value} (a value not starting with '-'), or for a boolean flag
     * a bare {@code --name} (true), each flag once, or {@code --quiet}: picocli gives the same values for them, and
     * {@link #options()} applies them with {@link TrainerFlags#apply} as {@link #directOptions} does. Null for anything
     * else (no arguments, help, version, --config, --set, unknown or repeated flags, values that look like options),
     * which picocli then parses and reports.
     */
    static Map<String, String> directFlags(String[] args) {
        if (args.length == 0) return null;
        Map<String, Boolean> known = SPM_FLAGS;  // name -> takes an optional value (a boolean flag)
        Map<String, String> flags = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (!a.startsWith("--")) return null;
            int eq = a.indexOf('=');
            String name = a.substring(2, eq < 0 ? a.length() : eq);
            String value;
            if (name.equals("quiet")) {
                if (eq >= 0) return null;
                value = "true";
            } else if (!known.containsKey(name)) {
                return null;
            } else if (eq >= 0) {
                value = a.substring(eq + 1);
                // picocli refuses a value that is itself an option (--input=--help) or reads it as one
                if (value.startsWith("-") && !isNegativeNumber(value)) return null;
            } else if (known.get(name)) {  // a bare boolean; "--flag false" is picocli's to read
                if (i + 1 < args.length && !args[i + 1].startsWith("-")) return null;
                value = "true";
            } else {
                // "@file" is picocli's: it expands the file's arguments in place
                if (i + 1 == args.length || args[i + 1].startsWith("-") || args[i + 1].startsWith("@")) return null;
                value = args[++i];
            }
            if (flags.put(name, value) != null) return null;
        }
        return flags;
    }

    /**
     * This command's spm flags (its String fields: all options but --config, --set and --quiet) by name, with whether
     * each is a boolean. Read from the fields' names (inputFormat: --input_format), not their annotations: parsing
     * those took 20 ms, a tenth of the start (TrainCommandDirectTest checks the names against the annotations).
     */
    private static final Map<String, Boolean> SPM_FLAGS = spmFlags();

    static Map<String, Boolean> spmFlags() {
        Map<String, Boolean> flags = new LinkedHashMap<>();  // in declaration order
        for (java.lang.reflect.Field f : TrainCommand.class.getDeclaredFields()) {
            if (f.getType() != String.class || java.lang.reflect.Modifier.isStatic(f.getModifiers())) continue;
            StringBuilder name = new StringBuilder();
            for (char c : f.getName().toCharArray()) {
                if (Character.isUpperCase(c)) name.append('_').append(Character.toLowerCase(c));
                else name.append(c);
            }
            flags.put(name.toString(), TrainerFlags.isBoolean(name.toString()));
        }
        return java.util.Collections.unmodifiableMap(flags);
    }

    /** Defaults, then the config file, then --set, then the flags given on the command line. */
    TrainerOptions options() throws Exception {
        TrainerOptions o;
        if (config != null) {
            Config c = Config.load(config);
            if (set != null) c.set(set);
            o = c.bind(TrainerOptions.class);
        } else {
            o = new TrainerOptions();
            if (set != null) for (String s : set) TrainerFlags.apply(o, s);
        }
        for (OptionSpec opt : spec.options()) {
            String name = opt.longestName();
            if (!name.startsWith("--") || List.of("--config", "--set", "--quiet", "--help", "--version").contains(name)) continue;
            Object v = opt.getValue();
            if (v != null) TrainerFlags.apply(o, name.substring(2) + "=" + v);
        }
        return o;
    }
}
