package io.winnow.ingest;

import io.winnow.core.config.Config;
import io.winnow.core.stage.Stage;
import io.winnow.core.stage.StageProvider;

/** Registers {@code winnow ingest} and the pipeline stage {@code ingest}. */
public final class IngestStageProvider implements StageProvider {
    @Override
    public String name() { return "ingest"; }

    @Override
    public String description() {
        return "raw WARC/WET, JSONL dumps, directory trees and archives to clean text documents "
                + "(Tika extraction, main content, language ID, URL filters)";
    }

    @Override
    public Stage bind(Config config) {
        return new IngestStage(name(), config.bind(IngestSettings.class));
    }
}
