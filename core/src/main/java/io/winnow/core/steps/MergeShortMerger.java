package io.winnow.core.steps;

import io.winnow.core.config.Config;
import io.winnow.core.doc.Document;
import io.winnow.core.step.Emitter;
import io.winnow.core.step.Step;
import io.winnow.core.step.StepFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Merges runs of consecutive short documents from the same {@code source} into one document of at
 * least {@code min_chars} (texts joined by {@code separator}); longer documents pass through. The
 * merged document keeps the first document's fields and lists every merged id in
 * {@code metadata.merged_ids}. It holds at most one pending group, so memory stays bounded by
 * {@code min_chars}.
 */
public final class MergeShortMerger implements Step {
    public static final class Params implements Config.Validatable {
        public int minChars = 200;
        public String separator = "\n\n";

        @Override
        public void validate() {
            if (minChars < 1) throw new IllegalArgumentException("min_chars must be at least 1");
        }
    }

    public static final class Factory implements StepFactory<Params> {
        @Override public String type() { return "merge_short"; }
        @Override public String description() { return "merge consecutive documents of one source shorter than min_chars"; }
        @Override public Class<Params> paramsType() { return Params.class; }
        @Override public Step create(String name, Params p) { return new MergeShortMerger(name, p.minChars, p.separator); }
    }

    private final String name;
    private final int minChars;
    private final String separator;
    private final List<Document> group = new ArrayList<>();
    private int groupChars;

    public MergeShortMerger(String name, int minChars, String separator) {
        this.name = name;
        this.minChars = minChars;
        this.separator = separator;
    }

    @Override
    public String name() { return name; }

    @Override
    public void process(Document doc, Emitter out) {
        if (!group.isEmpty() && !Objects.equals(group.get(0).source(), doc.source())) flush(out);
        if (group.isEmpty() && doc.text().length() >= minChars) {
            out.emit(doc);
            return;
        }
        group.add(doc);
        groupChars += doc.text().length() + (group.size() > 1 ? separator.length() : 0);
        if (groupChars >= minChars) flush(out);
    }

    @Override
    public void finish(Emitter out) {
        flush(out);
    }

    private void flush(Emitter out) {
        if (group.isEmpty()) return;
        if (group.size() == 1) {
            out.emit(group.get(0));
        } else {
            Document first = group.get(0);
            StringBuilder sb = new StringBuilder(groupChars);
            List<String> ids = new ArrayList<>(group.size());
            for (Document d : group) {
                if (sb.length() > 0) sb.append(separator);
                sb.append(d.text());
                ids.add(d.id());
            }
            Document merged = first.copy().text(sb.toString());
            merged.metadata().put("merged_ids", ids);
            out.emit(merged);
        }
        group.clear();
        groupChars = 0;
    }
}
