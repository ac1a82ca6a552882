package io.winnow.safety.pii;

import io.winnow.core.config.Config;
import io.winnow.core.doc.Document;
import io.winnow.core.step.Emitter;
import io.winnow.core.step.Step;
import io.winnow.core.step.StepFactory;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code pii_redact}: replaces e-mail addresses, phone numbers, public IP addresses, Chinese
 * resident ID numbers and payment card numbers by placeholders ({@code [EMAIL]}, {@code [PHONE]},
 * {@code [IP_ADDRESS]}, {@code [ID_NUMBER]}, {@code [CARD_NUMBER]} unless configured). Counts go to
 * {@code scores.pii.KIND}. With {@code action: tag} the text is left as it is and only counted;
 * {@code drop_above: N} rejects documents with more than N findings ({@code too_many_pii}: contact
 * lists, leaked tables), as dolma's mixer drops documents with more than five.
 */
public final class PiiRedactStep implements Step {
    public enum Action { REDACT, TAG }

    public static final class Params implements Config.Validatable {
        public List<String> detect = List.of("email", "phone", "ip", "cn_id", "payment_card");
        public List<PhoneDetector.Region> phoneRegions = List.of(PhoneDetector.Region.values());
        /** Replacement text per kind, e.g. {@code {email: "<email>"}}; unnamed kinds keep the default. */
        public Map<String, String> placeholders = new LinkedHashMap<>();
        public Action action = Action.REDACT;
        /** Reject documents with more findings than this (0: never). */
        public int dropAbove = 0;
        public String scorePrefix = "pii";

        @Override
        public void validate() {
            for (String d : detect) kind(d, "detect");
            for (String k : placeholders.keySet()) kind(k, "placeholders");
            if (dropAbove < 0) throw new IllegalArgumentException("drop_above must be >= 0");
        }

        static PiiKind kind(String name, String key) {
            try {
                return PiiKind.valueOf(name.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(key + ": unknown kind '" + name + "' (email, phone, ip, cn_id, payment_card)");
            }
        }

        PiiRedactor redactor() {
            EnumSet<PiiKind> kinds = EnumSet.noneOf(PiiKind.class);
            for (String d : detect) kinds.add(kind(d, "detect"));
            List<Detector> ds = new ArrayList<>();
            if (kinds.contains(PiiKind.EMAIL)) ds.add(new EmailDetector());
            if (kinds.contains(PiiKind.CN_ID)) ds.add(new ChineseIdDetector());
            if (kinds.contains(PiiKind.PAYMENT_CARD)) ds.add(new PaymentCardDetector());
            if (kinds.contains(PiiKind.IP)) ds.add(new IpDetector());
            if (kinds.contains(PiiKind.PHONE)) ds.add(new PhoneDetector(EnumSet.copyOf(phoneRegions.isEmpty() ? List.of(PhoneDetector.Region.US) : phoneRegions)));
            Map<PiiKind, String> ph = new EnumMap<>(PiiKind.class);
            placeholders.forEach((k, v) -> ph.put(kind(k, "placeholders"), v));
            return new PiiRedactor(ds, ph);
        }
    }

    public static final class Factory implements StepFactory<Params> {
        @Override public String type() { return "pii_redact"; }
        @Override public String description() { return "redact e-mails, phones (intl, CN, US), public IPs, CN ID numbers (checksum), card numbers (Luhn)"; }
        @Override public Class<Params> paramsType() { return Params.class; }
        @Override public Step create(String name, Params p) { return new PiiRedactStep(name, p); }
    }

    private final String name;
    private final Params p;
    private final PiiRedactor redactor;

    public PiiRedactStep(String name, Params p) {
        this.name = name;
        this.p = p;
        this.redactor = p.redactor();
    }

    @Override
    public String name() { return name; }

    @Override
    public void process(Document doc, Emitter out) {
        String text = doc.text();
        if (text == null || text.isEmpty()) {
            out.emit(doc);
            return;
        }
        PiiRedactor.Result r = redactor.redact(text);
        int total = r.total();
        if (total > 0) {
            for (PiiKind k : PiiKind.values()) {
                int n = r.count(k);
                if (n == 0) continue;
                doc.scores().put(p.scorePrefix + "." + k.key(), n);
                out.count((p.action == Action.REDACT ? "redacted:" : "found:") + k.key(), n);
            }
            if (p.action == Action.REDACT) doc.text(r.text());
        }
        if (p.dropAbove > 0 && total > p.dropAbove) out.reject(doc, "too_many_pii");
        else out.emit(doc);
    }
}
