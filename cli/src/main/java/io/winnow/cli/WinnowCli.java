package io.winnow.cli;

import io.winnow.core.cli.CommandProvider;
import io.winnow.core.cli.WinnowVersion;
import io.winnow.core.config.ConfigException;
import io.winnow.core.exec.StageFailedException;
import io.winnow.core.stage.StageNotBuiltException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;
import picocli.CommandLine.Command;
import picocli.CommandLine;

/** The {@code winnow} command. */
@Command(name = "winnow", mixinStandardHelpOptions = true, versionProvider = WinnowVersion.class,
        description = "Curate raw crawls and dumps into a deduplicated, safety-filtered, tokenized pretraining mixture.",
        footer = {"", "Exit codes: 0 done, 1 failed (finished shards are kept; run again to resume), "
                + "2 bad usage, bad config, or a stage not built yet."},
        subcommands = {CommandLine.HelpCommand.class})
public final class WinnowCli {
    public static final int EXIT_FAILED = 1;
    public static final int EXIT_USAGE = 2;

    /** Stage subcommands, in pipeline order, with what each does. */
    static final String[][] STAGES = {
            {"ingest", "WARC/WET, JSONL dumps and document trees into text documents"},
            {"clean", "normalize text, apply quality rules, remove exact and span duplicates"},
            {"dedup", "remove near-duplicate documents (MinHash/LSH)"},
            {"safety", "blocklists, PII redaction, toxicity classifier"},
            {"tokenizer", "train a SentencePiece-compatible BPE tokenizer"},
            {"mix", "sample a weighted mixture and tokenize it into packed shards"},
            {"train", "start pretraining on the mixture"},
    };

    /** Stages that keep a persistent index and take --index. */
    static final java.util.Set<String> INDEXED = java.util.Set.of("clean", "dedup");

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the command line and returns the exit code (tests call this in-process). */
    public static int execute(String... args) {
        Integer direct = runDirectly(args);
        return direct != null ? direct : commandLineFor(args).execute(args);
    }

    /**
     * Runs the arguments without picocli if the command they name can take them directly
     * ({@link CommandProvider#runDirectly}); null if not.
     */
    static Integer runDirectly(String... args) {
        if (args.length < 2 || args[0].startsWith("-")) return null;
        for (CommandProvider p : ServiceLoader.load(CommandProvider.class)) {
            if (!p.name().equals(args[0])) continue;
            String[] rest = java.util.Arrays.copyOfRange(args, 1, args.length);
            try {
                return p.runDirectly(rest);
            } catch (Exception e) {
                // named as picocli names the failing command: the innermost one
                return handle(e, new PrintWriter(System.err, true), rest[0].startsWith("-") ? args[0] : rest[0]);
            }
        }
        return null;
    }

    /**
     * The command line to run these arguments with. Building every command's model (picocli reads each one's
     * annotations) took a tenth of a second, so arguments that name a command get a line with only that one;
     * help, usage errors and typos get all of them.
     */
    public static CommandLine commandLineFor(String... args) {
        if (args.length > 0 && !args[0].startsWith("-") && !args[0].equals("help")) {
            CommandLine only = commandLine(args[0]);
            if (only.getSubcommands().containsKey(args[0])) return only;
        }
        return commandLine();
    }

    /** The configured command line; tests use it to capture output. */
    public static CommandLine commandLine() {
        return commandLine(null);
    }

    /** The command line with every command, or only the one named {@code only} (if there is one by that name). */
    static CommandLine commandLine(String only) {
        CommandLine cl = new CommandLine(new WinnowCli());
        // Modules may contribute a command of their own shape; the others get the standard stage command.
        Map<String, CommandProvider> contributed = new TreeMap<>();
        for (CommandProvider p : ServiceLoader.load(CommandProvider.class)) contributed.put(p.name(), p);
        for (String[] s : STAGES) {
            CommandProvider p = contributed.remove(s[0]);
            if (only != null && !only.equals(s[0])) continue;
            if (p != null) add(cl, s[0], p.command(), p.description());
            else add(cl, s[0], new StageCommand(s[0]), s[1]);
        }
        if (only == null || only.equals("steps")) {
            add(cl, "steps", new StageCommand("steps"), "run a custom list of registered steps over shards (`--list` shows them)");
        }
        for (CommandProvider p : contributed.values()) {
            if (only == null || only.equals(p.name())) add(cl, p.name(), p.command(), p.description());
        }
        if (only == null || only.equals("run")) cl.addSubcommand("run", new RunCommand());
        cl.setExecutionExceptionHandler((e, failed, parsed) -> handle(e, failed.getErr(), failed.getCommandName()));
        return cl;
    }

    private static void add(CommandLine cl, String name, Object command, String description) {
        cl.addSubcommand(name, command);
        CommandLine.Model.CommandSpec spec = cl.getSubcommands().get(name).getCommandSpec();
        spec.usageMessage().description(description);
        spec.versionProvider(new WinnowVersion()); // contributed commands cannot see the CLI's version
        if (!name.equals("steps") && spec.findOption("--list") != null) spec.remove(spec.findOption("--list"));
        if (!INDEXED.contains(name) && spec.findOption("--index") != null) spec.remove(spec.findOption("--index"));
    }

    private static int handle(Exception e, PrintWriter err, String cmd) {
        if (e instanceof StageNotBuiltException || e instanceof ConfigException) {
            err.println(cmd + ": " + e.getMessage());
            return EXIT_USAGE;
        }
        if (e instanceof StageFailedException) {
            err.println(cmd + ": " + e.getMessage());
            return EXIT_FAILED;
        }
        Throwable t = e instanceof UncheckedIOException u ? u.getCause() : e;
        if (t instanceof NoSuchFileException n) {
            err.println(cmd + ": no such file: " + n.getFile() + (n.getReason() == null ? "" : " (" + n.getReason() + ")"));
            return EXIT_FAILED;
        }
        if (t instanceof IOException) {
            err.println(cmd + ": " + t.getMessage());
            return EXIT_FAILED;
        }
        err.println(cmd + ": unexpected error: " + t);
        t.printStackTrace(err);
        return EXIT_FAILED;
    }
}
