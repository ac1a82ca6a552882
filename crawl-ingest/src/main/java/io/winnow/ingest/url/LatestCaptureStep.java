package io.winnow.ingest.url;

import io.winnow.core.doc.Document;
import io.winnow.core.step.Emitter;
import io.winnow.core.step.Step;
import io.winnow.core.step.StepContext;
import io.winnow.ingest.Transient;
import io.winnow.ingest.warc.WarcSource;

/**
 * Keeps only the newest capture of each URL within the run ({@link LatestCaptureIndex}); older
 * captures are rejected as {@code superseded} before extraction. Documents that did not come from
 * a WARC record pass through.
 */
public final class LatestCaptureStep implements Step {
    private final String name;
    private final LatestCaptureIndex index;
    private final boolean normalize;
    private int task;

    public LatestCaptureStep(String name, LatestCaptureIndex index, boolean normalize) {
        this.name = name;
        this.index = index;
        this.normalize = normalize;
    }

    @Override
    public String name() { return name; }

    @Override
    public void open(StepContext context) {
        task = context.shardIndex();
    }

    @Override
    public void process(Document doc, Emitter out) {
        Object ord = doc.hasMetadata() ? doc.metadata().get(WarcSource.WARC_ORDINAL) : null;
        String url = LatestCaptureIndex.key(doc.url(), normalize);
        if (ord == null || url == null || index.isLatest(url, task, ((Number) ord).longValue())) {
            out.emit(doc);
        } else {
            Transient.clear(doc);
            out.reject(doc, "superseded");
        }
    }
}
