package io.winnow.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.winnow.core.config.Config;
import io.winnow.core.engine.Engines;
import io.winnow.core.engine.JobRecipe;
import io.winnow.core.exec.RunOptions;
import io.winnow.core.exec.StageFailedException;
import io.winnow.core.exec.StageJob;
import io.winnow.core.exec.StageResult;
import io.winnow.core.stage.ShardedStage;
import io.winnow.core.stage.Stage;
import io.winnow.core.step.Pipeline;
import io.winnow.core.step.Step;
import io.winnow.ingest.content.SiteBoilerplateStep;
import io.winnow.ingest.extract.ExtractStep;
import io.winnow.ingest.extract.Extractor;
import io.winnow.ingest.lang.LanguageIdentifier;
import io.winnow.ingest.lang.LanguageStep;
import io.winnow.ingest.url.LatestCaptureIndex;
import io.winnow.ingest.url.LatestCaptureStep;
import io.winnow.ingest.url.UrlFilterStep;
import io.winnow.ingest.url.UrlLists;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code winnow ingest}: raw inputs (WARC/WET, JSONL dumps, directory trees, archives) to Winnow
 * documents. One task per input file (loose files in batches), each through the steps
 * {@code url → latest_capture → extract → site_boilerplate → lang}, on core's executor: kept/,
 * rejected/ (every reject with its reason), bad-records/, stats.json, resume after a crash.
 */
public final class IngestStage implements ShardedStage {
    private static final Logger LOG = LoggerFactory.getLogger(IngestStage.class);

    private final String name;
    private final IngestSettings settings;
    private final JsonNode settingsJson;

    public IngestStage(String name, IngestSettings settings) {
        this.name = name;
        this.settings = settings;
        this.settingsJson = Config.binder().valueToTree(settings);
    }

    @Override
    public String name() { return name; }

    @Override
    public JsonNode settings() { return settingsJson; }

    @Override
    public Stage withName(String newName) {
        return new IngestStage(newName, settings);
    }

    public IngestSettings ingestSettings() { return settings; }

    @Override
    public String kind() { return "ingest"; }

    @Override
    public StageResult run(List<Path> inputs, Path output, RunOptions options) throws IOException, StageFailedException {
        return Engines.run(job("", inputs, output, options), JobRecipe.of(this, "", inputs, output, options));
    }

    /** Plans the tasks (and the latest-capture index, if on) of a run over {@code inputs}. */
    @Override
    public StageJob job(String pass, List<Path> inputs, Path output, RunOptions options) throws IOException {
        List<IngestTask> tasks = IngestInputs.plan(inputs, settings.tree.filesPerTask, settings.tree.followLinks);
        Map<IngestTask.Kind, Integer> kinds = new EnumMap<>(IngestTask.Kind.class);
        for (IngestTask t : tasks) kinds.merge(t.kind(), 1, Integer::sum);
        LOG.info("{}: {} tasks {}", name, tasks.size(), kinds);

        ObjectNode identity = settingsJson.deepCopy();
        identity.putObject("inputs").put("tasks", tasks.size()).put("digest", IngestInputs.digest(tasks));

        LatestCaptureIndex latest = null;
        if (settings.url.latestCapture && kinds.containsKey(IngestTask.Kind.WARC)) {
            long t0 = System.nanoTime();
            latest = LatestCaptureIndex.build(tasks, settings);
            LOG.info("{}: latest-capture index: {} captures of {} URLs ({} s)", name, latest.captures(), latest.urls(),
                    String.format(java.util.Locale.ROOT, "%.1f", (System.nanoTime() - t0) / 1e9));
        }
        Supplier<Pipeline> pipelines = pipelineFactory(latest);
        if (settings.lang.enabled) LanguageIdentifier.get(); // load the model once, before the workers start

        List<Path> paths = new ArrayList<>(tasks.size());
        for (IngestTask t : tasks) paths.add(t.path());
        return new StageJob(name, paths, output, pipelines, identity, options, new IngestFormat(tasks, settings));
    }

    /** The per-task pipeline: fresh step instances over shared, thread-safe resources. */
    public Supplier<Pipeline> pipelineFactory(LatestCaptureIndex latest) {
        UrlLists lists = new UrlLists(settings.url);
        Extractor extractor = new Extractor(settings.limits, settings.content);
        boolean urlStep = settings.url.normalize || !lists.isEmpty();
        boolean site = settings.content.siteBoilerplate && settings.content.method.equals("winnow");
        return () -> {
            List<Step> steps = new ArrayList<>();
            if (urlStep) steps.add(new UrlFilterStep("url", lists, settings.url.normalize, settings.url.action.equals("drop")));
            if (latest != null) steps.add(new LatestCaptureStep("latest_capture", latest, settings.url.normalize));
            steps.add(new ExtractStep("extract", extractor, settings));
            if (site) steps.add(new SiteBoilerplateStep("site_boilerplate", settings.content));
            if (settings.lang.enabled) steps.add(new LanguageStep("lang", settings.lang));
            return new Pipeline(steps);
        };
    }
}
