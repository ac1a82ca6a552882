package io.winnow.report;

import io.winnow.core.cli.CommandProvider;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code winnow report RUN_DIR... --output report/}. */
@Command(name = "report", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Write an HTML data card of a run: funnel, languages and sources, lengths in characters and tokens, quality signals, dedup, tokenizer, mixture, training, run facts.",
        footer = {"", "RUN_DIR is a pipeline output (build/quickstart) or stage directories; open OUTPUT/index.html in a browser."})
public final class ReportCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "RUN_DIR", description = "Pipeline output or stage directories, in pipeline order.")
    List<Path> runs;

    @Option(names = {"-o", "--output"}, paramLabel = "DIR", required = true, description = "Where to write index.html, report.json and the charts.")
    Path output;

    @Option(names = "--max-docs", paramLabel = "N", defaultValue = "20000",
            description = "Documents read per profile (languages, lengths, scores); counts in the funnel are always exact. Default: ${DEFAULT-VALUE}.")
    int maxDocs;

    @Option(names = "--tokenizer", paramLabel = "MODEL",
            description = "SentencePiece .model for token counts and token-length histograms. Default: the run's tokenizer stage model, else its mix's tokenizer.")
    Path tokenizer;

    @Override
    public Integer call() throws Exception {
        Path index = new ReportBuilder(runs, output, maxDocs, tokenizer).build();
        spec.commandLine().getOut().println("report: " + index.toAbsolutePath());
        spec.commandLine().getOut().flush();
        return 0;
    }

    /** Registers {@code winnow report}. */
    public static final class Provider implements CommandProvider {
        @Override public String name() { return "report"; }
        @Override public String description() { return "write an HTML data card of a run (funnel, languages, lengths, scores, dedup)"; }
        @Override public Object command() { return new ReportCommand(); }
    }
}
