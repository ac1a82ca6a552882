package io.winnow.cli;

import io.winnow.core.cli.RunFlags;
import io.winnow.core.cli.WinnowVersion;
import io.winnow.core.config.Config;
import io.winnow.core.exec.RunOptions;
import io.winnow.core.exec.StageResult;
import io.winnow.core.stage.PipelineRunner;
import io.winnow.report.ReportBuilder;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code winnow run PIPELINE.yaml}: every stage of a pipeline file, in order. */
@Command(name = "run", mixinStandardHelpOptions = true, versionProvider = WinnowVersion.class, sortOptions = false,
        description = "Run a pipeline file: its stages in order, each reading the previous stage's kept/ output.",
        footer = {"", "Every stage is checked before the first one starts. Re-running resumes where a run stopped.",
                "Keys for --set are paths in the pipeline file, e.g. --set stages[0].config.steps[1].min_chars=50."})
final class RunCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "PIPELINE.yaml", description = "Pipeline file (see configs/pipelines/).")
    Path pipeline;

    @Option(names = "--dry-run", description = "Check the pipeline and print the plan without running it.")
    boolean dryRun;

    @Option(names = "--no-report", description = "Do not write the HTML report (OUTPUT/report/index.html) at the end.")
    boolean noReport;

    @Option(names = "--engine", paramLabel = "NAME",
            description = "Default engine of the stages that can run elsewhere: local (default) or spark (needs spark-engine/bin/winnow-spark"
                    + " or spark-submit); a stage's own `engine:` wins.")
    String engine;

    @Mixin RunFlags run;

    @Override
    public Integer call() throws Exception {
        Config cfg = Config.load(pipeline).set(run.sets);
        PrintWriter out = spec.commandLine().getOut();
        if (dryRun) {
            var plan = PipelineRunner.plan(cfg, io.winnow.core.stage.StageRegistry.load());
            String defaultEngine = PipelineRunner.defaultEngine(cfg, engine);
            for (int i = 0; i < plan.size(); i++) {
                var p = plan.get(i);
                String on = p.options(RunOptions.defaults(), defaultEngine).engine();
                out.printf("stage %d/%d: %s  %s -> %s%s%n", i + 1, plan.size(), p.stage().name(), p.inputs(), p.output(),
                        on.equals(RunOptions.LOCAL) ? "" : "  (engine " + on + ")");
            }
            out.flush();
            return 0;
        }
        List<StageResult> results = PipelineRunner.run(cfg,
                new PipelineRunner.Overrides(run.workers, run.overwrite, run.failFast, run.progressMode(spec), engine),
                line -> {
                    out.println(line);
                    out.flush();
                });
        Path runDir = Path.of(cfg.tree().path("output").asText());
        out.println("pipeline done: " + results.size() + " stages; funnel in " + runDir.resolve("pipeline.json"));
        if (!noReport) {
            Path index = new ReportBuilder(List.of(runDir), runDir.resolve("report"), 20_000).build();
            out.println("report: " + index);
        }
        out.flush();
        return 0;
    }
}
