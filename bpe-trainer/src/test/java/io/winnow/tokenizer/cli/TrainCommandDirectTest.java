package io.winnow.tokenizer.cli;

import io.winnow.tokenizer.train.TrainerOptions;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code tokenizer train} read without picocli ({@link TrainCommand#runDirectly}) takes exactly the options picocli
 * takes from the same arguments, and leaves every other argument list to picocli.
 */
class TrainCommandDirectTest {
    /** The options picocli's parse of the arguments gives the command. */
    private static TrainerOptions viaPicocli(String... args) throws Exception {
        TrainCommand cmd = new TrainCommand();
        new CommandLine(cmd).parseArgs(args);
        return cmd.options();
    }

    private static void assertSameOptions(TrainerOptions expected, TrainerOptions actual, String what) throws Exception {
        int compared = 0;
        for (Field f : TrainerOptions.class.getFields()) {
            if (Modifier.isStatic(f.getModifiers())) continue;
            assertEquals(f.get(expected), f.get(actual), what + ": " + f.getName());
            compared++;
        }
        assertTrue(compared > 30, "compared " + compared + " options");
    }

    @Test
    void plainSpmFlagsGiveWhatPicocliGives() throws Exception {
        List<String[]> cases = List.of(
                // the benchmark's and the README's shape: --name value for paths, --name=value for the rest
                new String[]{"--input", "corpus.txt", "--model_prefix", "out/m", "--model_type=bpe", "--vocab_size=32000",
                        "--split_digits=true", "--byte_fallback=true", "--allow_whitespace_only_pieces=true",
                        "--character_coverage=0.9999", "--max_sentencepiece_length=16", "--normalization_rule_name=identity",
                        "--add_dummy_prefix=false", "--remove_extra_whitespaces=false", "--num_threads=2"},
                // bare booleans, ids with a minus sign after '=', lists, empty values, --quiet anywhere
                new String[]{"--input=a.txt,b.jsonl", "--model_prefix=m", "--split_digits", "--quiet", "--byte_fallback",
                        "--bos_id=-1", "--eos_id=-1", "--pad_id=3", "--user_defined_symbols=<tab>,<br>", "--required_chars=",
                        "--hard_vocab_limit=false", "--input_sentence_size=1000", "--shuffle_input_sentence=false",
                        "--seed=7", "--unk_surface= ?? ", "--treat_whitespace_as_suffix"},
                new String[]{"--model_prefix", "m"});
        for (String[] args : cases) {
            Map<String, String> flags = TrainCommand.directFlags(args);
            assertNotNull(flags, String.join(" ", args));
            boolean quiet = flags.remove("quiet") != null;
            assertEquals(List.of(args).contains("--quiet"), quiet);
            assertSameOptions(viaPicocli(args), TrainCommand.directOptions(flags), String.join(" ", args));
        }
    }

    /** Flags are applied in the command's order, as picocli's path applies them: the first bad value named is the same. */
    @Test
    void badValuesAreReportedAsPicocliReportsThem() throws Exception {
        String[] args = {"--seed=x", "--vocab_size=y", "--input=a.txt"};
        IllegalArgumentException picocli = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> viaPicocli(args));
        IllegalArgumentException direct = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> TrainCommand.directOptions(TrainCommand.directFlags(args)));
        assertEquals(picocli.getMessage(), direct.getMessage());
        assertTrue(direct.getMessage().contains("--vocab_size"), direct.getMessage());
    }

    /** The flags the direct path knows (by field name) are the command's options (by annotation), booleans alike. */
    @Test
    void knowsExactlyTheCommandsSpmFlags() {
        Map<String, Boolean> annotated = new java.util.HashMap<>();
        for (Field f : TrainCommand.class.getDeclaredFields()) {
            CommandLine.Option opt = f.getAnnotation(CommandLine.Option.class);
            if (opt == null || List.of("--config", "--set", "--quiet").contains(opt.names()[0])) continue;
            assertEquals(1, opt.names().length, f.getName());
            annotated.put(opt.names()[0].substring(2), opt.arity().equals("0..1"));
        }
        assertTrue(annotated.size() > 30, annotated.toString());
        assertEquals(annotated, TrainCommand.spmFlags());
    }

    @Test
    void everythingElseIsLeftToPicocli() {
        List<String[]> cases = List.of(
                new String[]{},
                new String[]{"--help"},
                new String[]{"-h"},
                new String[]{"--version"},
                new String[]{"--config", "configs/tokenizers/baichuan2.yaml", "--input=x"},
                new String[]{"--set", "vocab_size=100", "--input=x"},
                new String[]{"--input=x", "--no_such_flag=1"},
                new String[]{"--input=x", "--input=y"},                 // picocli reports a repeated option
                new String[]{"--input=x", "--bos_id", "-1"},            // a value that looks like an option
                new String[]{"--input=x", "--split_digits", "false"},   // a boolean's value after a space
                new String[]{"--input=x", "--model_prefix"},            // a missing value
                new String[]{"--input=x", "positional"},
                new String[]{"--input=x", "--quiet=true"},
                new String[]{"--input", "@args.txt"},                 // picocli expands an @-file in place
                new String[]{"--input=--help"},                         // picocli refuses an option as a value
                new String[]{"--input=x", "--split_digits=--quiet"},    // ... or reads it as the option
                new String[]{"--input=x", "--unk_piece=-V"});
        for (String[] args : cases) assertNull(TrainCommand.directFlags(args), String.join(" ", args));
    }
}
