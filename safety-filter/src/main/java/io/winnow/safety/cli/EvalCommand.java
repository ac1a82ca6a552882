package io.winnow.safety.cli;

import io.winnow.core.cli.WinnowVersion;
import io.winnow.core.util.AtomicFiles;
import io.winnow.safety.classify.LabelledDocs;
import io.winnow.safety.classify.LinearModel;
import io.winnow.safety.classify.Metrics;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code winnow safety eval}: a trained classifier on other labelled documents. */
@Command(name = "eval", mixinStandardHelpOptions = true, versionProvider = WinnowVersion.class, sortOptions = false,
        description = "Evaluate a classifier from `winnow safety train` on labelled documents: precision, recall, F1.")
public final class EvalCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = {"-m", "--model"}, required = true, paramLabel = "FILE", description = "Model file.")
    Path model;

    @Option(names = {"-i", "--input"}, arity = "1..*", required = true, paramLabel = "PATH", description = "Labelled documents.")
    List<Path> inputs;

    @Option(names = "--label-field", required = true, paramLabel = "F", description = "Field holding the label.")
    String labelField;

    @Option(names = "--text-field", paramLabel = "F", defaultValue = "text", description = "Field holding the text. Default: ${DEFAULT-VALUE}.")
    String textField;

    @Option(names = "--threshold", paramLabel = "P", description = "Decision threshold (default: the model's).")
    Double threshold;

    @Option(names = "--report", paramLabel = "FILE", description = "Also write the measures as JSON.")
    Path report;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        LinearModel m = LinearModel.load(model);
        double t = threshold != null ? threshold : m.threshold();
        Metrics metrics = new Metrics();
        LabelledDocs.Counts c = LabelledDocs.read(inputs, textField, labelField,
                ex -> metrics.add(m.probability(ex.text()) >= t, ex.label().equals(m.positive())), b -> { });
        out.println("positive label: " + m.positive() + ", threshold " + t);
        out.println(metrics);
        if (c.unlabelled + c.noText + c.badRecords > 0) {
            out.println("skipped: " + c.unlabelled + " unlabelled, " + c.noText + " without text, " + c.badRecords + " bad records");
        }
        if (report != null) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("model", model.toString());
            r.put("inputs", inputs.stream().map(Path::toString).toList());
            r.put("positive", m.positive());
            r.put("threshold", t);
            r.put("metrics", metrics.toMap());
            AtomicFiles.writeJson(report, r);
        }
        return 0;
    }
}
