package io.winnow.safety.pii;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Runs detectors over a text and replaces what they find by placeholders. Where two findings
 * overlap (a phone number inside a longer international one, an ID number that is also a valid card
 * number) the leftmost, then the longest, then the kind listed first in {@link PiiKind} wins.
 */
public final class PiiRedactor {
    private final List<Detector> detectors;
    private final Map<PiiKind, String> placeholders;

    public PiiRedactor(List<Detector> detectors, Map<PiiKind, String> placeholders) {
        this.detectors = List.copyOf(detectors);
        this.placeholders = new EnumMap<>(PiiKind.class);
        for (PiiKind k : PiiKind.values()) this.placeholders.put(k, placeholders.getOrDefault(k, k.defaultPlaceholder()));
    }

    /** Every detector with the default placeholders. */
    public static PiiRedactor all() {
        return new PiiRedactor(List.of(new EmailDetector(), new ChineseIdDetector(), new PaymentCardDetector(),
                new IpDetector(), new PhoneDetector()), Map.of());
    }

    /** The redacted text and how many spans of each kind were replaced. */
    public record Result(String text, int[] counts, List<Span> spans) {
        public int count(PiiKind k) { return counts[k.ordinal()]; }

        public int total() {
            int t = 0;
            for (int c : counts) t += c;
            return t;
        }
    }

    /** The non-overlapping spans, in text order. */
    public List<Span> find(String text) {
        List<Span> all = new ArrayList<>();
        for (Detector d : detectors) d.find(text, all);
        if (all.size() < 2) return all;
        all.sort(Comparator.comparingInt(Span::start).thenComparing(s -> -(s.end() - s.start())).thenComparing(Span::kind));
        List<Span> kept = new ArrayList<>();
        int end = -1;
        for (Span s : all) {
            if (s.start() < end) continue;
            kept.add(s);
            end = s.end();
        }
        return kept;
    }

    public Result redact(String text) {
        List<Span> spans = find(text);
        int[] counts = new int[PiiKind.values().length];
        if (spans.isEmpty()) return new Result(text, counts, spans);
        StringBuilder sb = new StringBuilder(text.length());
        int at = 0;
        for (Span s : spans) {
            sb.append(text, at, s.start()).append(placeholders.get(s.kind()));
            at = s.end();
            counts[s.kind().ordinal()]++;
        }
        sb.append(text, at, text.length());
        return new Result(sb.toString(), counts, spans);
    }
}
