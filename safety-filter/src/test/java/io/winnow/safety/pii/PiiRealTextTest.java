package io.winnow.safety.pii;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.winnow.core.doc.Document;
import io.winnow.core.testing.Corpora;
import io.winnow.safety.testing.StepRun;
import java.net.InetAddress;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** PII redaction on real 2002 e-mail (SpamAssassin corpus): full RFC 822 messages with their headers. */
class PiiRealTextTest {
    static List<Document> mails;

    @BeforeAll
    static void load() throws Exception {
        mails = StepRun.read(Corpora.file("jsonl/emails.jsonl"));
    }

    static final Pattern RECEIVED_IP = Pattern.compile("\\[(\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3})\\]");
    static final Pattern FROM = Pattern.compile("(?m)^From: .*?<?([A-Za-z0-9._+\\-]+@[A-Za-z0-9\\-]+(?:\\.[A-Za-z0-9\\-]+)+)>?\\s*$");

    /** The oracle's own view of an address, from the JDK: private, loopback, link-local, any, multicast are not public. */
    static Boolean jdkPublic(String ip) throws Exception {
        String[] p = ip.split("\\.");
        for (String o : p) if (Integer.parseInt(o) > 255 || o.length() > 1 && o.startsWith("0")) return null;
        int a = Integer.parseInt(p[0]);
        int b = Integer.parseInt(p[1]);
        int last = Integer.parseInt(p[3]);
        // ranges the JDK does not classify (shared, documentation, benchmarking, reserved) and network/broadcast hosts
        if (a == 100 && b >= 64 && b < 128 || a == 192 && b == 0 || a == 198 && (b == 18 || b == 19 || b == 51)
                || a == 203 && b == 0 || a == 0 || a >= 240 || last == 0 || last == 255) return null;
        InetAddress x = InetAddress.getByName(ip); // a literal: no lookup
        return !(x.isSiteLocalAddress() || x.isLoopbackAddress() || x.isLinkLocalAddress() || x.isAnyLocalAddress() || x.isMulticastAddress());
    }

    @Test
    void receivedHeaderAddressesAndSenderAddressesAreRedactedPrivateOnesKept() throws Exception {
        PiiRedactor r = PiiRedactor.all();
        int publicSeen = 0;
        int privateSeen = 0;
        int senders = 0;
        for (Document d : mails.subList(0, 2000)) {
            String raw = (String) d.extra().get("raw");
            String red = r.redact(raw).text();
            Matcher m = RECEIVED_IP.matcher(raw);
            while (m.find()) {
                Boolean pub = jdkPublic(m.group(1));
                if (pub == null) continue;
                if (pub) {
                    assertFalse(red.contains("[" + m.group(1) + "]"), () -> d.id() + ": public address left: " + m.group(1));
                    publicSeen++;
                } else {
                    assertTrue(red.contains("[" + m.group(1) + "]"), () -> d.id() + ": private address removed: " + m.group(1));
                    privateSeen++;
                }
            }
            Matcher f = FROM.matcher(raw);
            if (f.find()) {
                assertFalse(red.contains(f.group(1)), () -> d.id() + ": sender left: " + f.group(1));
                senders++;
            }
        }
        assertTrue(publicSeen > 2000 && privateSeen > 500 && senders > 1500, publicSeen + " public, " + privateSeen + " private, " + senders + " senders");
    }

    @Test
    void stepCountsIntoScoresAndCounters() {
        PiiRedactStep.Params p = new PiiRedactStep.Params();
        List<Document> docs = mails.stream().map(Document::copy).toList();
        StepRun run = StepRun.of(new PiiRedactStep("pii_redact", p), docs);
        assertEquals(mails.size(), run.kept.size());
        long emails = 0;
        for (Document d : run.kept) {
            if (d.hasScores() && d.scores().get("pii.email") != null) {
                int n = d.scores().get("pii.email").intValue();
                emails += n;
                assertTrue(d.text().split("\\[EMAIL]", -1).length - 1 >= n, d.id());
            }
        }
        assertEquals(emails, run.counters.get("redacted:email").longValue());
        assertTrue(emails > 3000, "addresses in bodies and signatures: " + emails);
        assertTrue(run.counters.get("redacted:phone") > 300, "phone numbers in signatures: " + run.counters);
        assertTrue(run.counters.getOrDefault("redacted:ip", 0L) > 100, "addresses in quoted logs: " + run.counters);

        p.action = PiiRedactStep.Action.TAG;
        p.dropAbove = 5;
        List<Document> again = mails.stream().map(Document::copy).toList();
        StepRun tagged = StepRun.of(new PiiRedactStep("pii_redact", p), again);
        assertTrue(tagged.rejected.size() > 50 && tagged.rejected.values().stream().allMatch("too_many_pii"::equals));
        java.util.Map<String, String> originals = new java.util.HashMap<>();
        for (Document o : mails) originals.put(o.id(), o.text());
        for (Document d : tagged.kept) assertEquals(originals.get(d.id()), d.text(), "tag mode leaves the text alone");
    }
}
