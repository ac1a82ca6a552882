package io.winnow.ingest.url;

import io.winnow.core.doc.Document;
import io.winnow.ingest.IngestMetadata;
import io.winnow.ingest.IngestSettings;
import io.winnow.ingest.IngestTask;
import io.winnow.ingest.warc.WarcSource;
import it.unimi.dsi.fastutil.longs.Long2LongOpenHashMap;
import java.io.IOException;
import java.time.Instant;
import java.util.List;

/**
 * Which capture of each URL is the newest across all WARC/WET inputs of a run, found by a
 * header-only pre-pass before the main pass. Keys are 64-bit hashes of the normalized URL; the
 * newest {@code WARC-Date} wins and a tie goes to the later record (later input, then later in the
 * file), so the choice never depends on worker count. Memory: about 40 bytes per distinct URL.
 */
public final class LatestCaptureIndex {
    private final Long2LongOpenHashMap date = new Long2LongOpenHashMap();
    private final Long2LongOpenHashMap where = new Long2LongOpenHashMap();
    private long captures;

    public static LatestCaptureIndex build(List<IngestTask> tasks, IngestSettings settings) throws IOException {
        LatestCaptureIndex idx = new LatestCaptureIndex();
        for (int t = 0; t < tasks.size(); t++) {
            IngestTask task = tasks.get(t);
            if (task.kind() != IngestTask.Kind.WARC) continue;
            try (WarcSource src = new WarcSource(task.path(), settings, bad -> { }, true)) {
                Document d;
                while ((d = src.next()) != null) {
                    String url = key(d.url(), settings.url.normalize);
                    if (url == null) continue;
                    idx.add(url, millis(d), t, src.ordinal());
                }
            }
        }
        return idx;
    }

    static String key(String url, boolean normalize) {
        if (url == null) return null;
        if (!normalize) return url;
        String n = UrlNormalizer.normalize(url);
        return n == null ? url : n;
    }

    static long millis(Document d) {
        Object v = d.metadata().get(IngestMetadata.WARC_DATE);
        if (v == null) return 0;
        try {
            return Instant.parse(v.toString()).toEpochMilli();
        } catch (RuntimeException e) {
            return 0;
        }
    }

    void add(String url, long dateMillis, int task, long ordinal) {
        long h = hash(url);
        long pos = position(task, ordinal);
        captures++;
        if (!date.containsKey(h) || dateMillis > date.get(h) || (dateMillis == date.get(h) && pos > where.get(h))) {
            date.put(h, dateMillis);
            where.put(h, pos);
        }
    }

    /** True when this capture is the newest one of its URL (or the URL was not seen in the pre-pass). */
    public boolean isLatest(String url, int task, long ordinal) {
        long h = hash(url);
        return !where.containsKey(h) || where.get(h) == position(task, ordinal);
    }

    public long urls() { return date.size(); }

    public long captures() { return captures; }

    private static long position(int task, long ordinal) {
        return ((long) task << 40) | ordinal;
    }

    static long hash(String s) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < s.length(); i++) {
            h ^= s.charAt(i);
            h *= 0x100000001b3L;
        }
        return h ^ (h >>> 29);
    }
}
