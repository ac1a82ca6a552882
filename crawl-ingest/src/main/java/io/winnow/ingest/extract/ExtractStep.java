package io.winnow.ingest.extract;

import io.winnow.core.doc.Document;
import io.winnow.core.step.Emitter;
import io.winnow.core.step.Step;
import io.winnow.ingest.IngestMetadata;
import io.winnow.ingest.IngestSettings;
import io.winnow.ingest.Payload;
import io.winnow.ingest.Transient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns each document's payload into text under the per-document limits (bytes, chars, wall-clock
 * budget). A document that cannot be extracted is rejected with the reason ({@code too_large},
 * {@code empty}, {@code binary_content}, {@code unsupported_type}, {@code timeout}, {@code bomb},
 * {@code encrypted}, {@code parse_error}, {@code no_text}, ...) and the error in
 * {@code metadata.extract_error}. Documents that arrive with text (JSONL, WET) pass through.
 */
public final class ExtractStep implements Step {
    private static final Logger LOG = LoggerFactory.getLogger(ExtractStep.class);

    /** Key under which the kept HTML blocks travel to the site-boilerplate step. */
    public static final String BLOCKS = "_blocks";

    private final String name;
    private final Extractor extractor;
    private final IngestSettings settings;
    private final boolean passBlocks;
    private BudgetedRunner runner;

    public ExtractStep(String name, Extractor extractor, IngestSettings settings) {
        this.name = name;
        this.extractor = extractor;
        this.settings = settings;
        this.passBlocks = settings.content.siteBoilerplate && settings.content.method.equals("winnow");
    }

    @Override
    public String name() { return name; }

    @Override
    public void process(Document doc, Emitter out) {
        Payload p = Payload.take(doc);
        if (p == null) {
            if (doc.text() == null) doc.text("");
            if (tooShort(doc.text())) {
                out.reject(doc, "no_text");
            } else {
                out.emit(doc);
            }
            return;
        }
        if (runner == null) runner = new BudgetedRunner();
        Extraction x;
        try {
            x = runner.run(deadline -> extractor.extract(p, doc.url(), deadline), settings.budgetMillis(p.bytes().length));
        } catch (ExtractException e) {
            reject(doc, out, e.rule(), e.getMessage());
            return;
        } catch (OutOfMemoryError e) {
            LOG.warn("{}: out of memory extracting {} ({} bytes); rejected", name, doc.id(), p.rawLength());
            reject(doc, out, "out_of_memory", "out of memory while extracting");
            return;
        } catch (RuntimeException | StackOverflowError e) {
            reject(doc, out, "parse_error", e.toString());
            return;
        }
        doc.text(x.text());
        var md = doc.metadata();
        Object declared = md.get(IngestMetadata.CONTENT_TYPE);
        if (declared != null && !x.contentType().equals(Extractor.baseType(declared.toString()))) {
            md.put("content_type_declared", declared);
        }
        md.put(IngestMetadata.CONTENT_TYPE, x.contentType());
        if (x.charset() != null) {
            md.put(IngestMetadata.CHARSET, x.charset());
            md.put("charset_source", x.charsetSource());
        }
        md.put(IngestMetadata.EXTRACTION, x.method());
        if (x.title() != null && !x.title().isBlank()) md.put(IngestMetadata.TITLE, x.title().strip());
        if (x.truncated()) md.put(IngestMetadata.TRUNCATED, true);
        if (tooShort(doc.text())) {
            reject(doc, out, "no_text", "no text left after extraction");
            return;
        }
        if (passBlocks && x.blocks() != null) Transient.put(doc, BLOCKS, x.blocks());
        out.emit(doc);
    }

    private boolean tooShort(String text) {
        int need = Math.max(1, settings.content.minChars);
        int n = 0;
        for (int i = 0; i < text.length() && n < need; i++) {
            if (!Character.isWhitespace(text.charAt(i))) n++;
        }
        return n < need;
    }

    private static void reject(Document doc, Emitter out, String rule, String message) {
        Transient.clear(doc);
        doc.text("");
        if (message != null) doc.metadata().put("extract_error", message);
        out.reject(doc, rule);
    }

    @Override
    public void finish(Emitter out) {
        if (runner != null) runner.close();
        runner = null;
    }
}
