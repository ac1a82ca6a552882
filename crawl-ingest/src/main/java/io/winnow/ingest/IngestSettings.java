package io.winnow.ingest;

import io.winnow.core.config.Config;
import java.util.ArrayList;
import java.util.List;

/**
 * Settings of {@code winnow ingest} ({@code configs/ingest/default.yaml} lists every key with its
 * default). Keys are snake_case in YAML.
 */
public final class IngestSettings implements Config.Validatable {
    /** The documents' {@code source} field; default: the input file name without its extensions. */
    public String source;

    public Warc warc = new Warc();
    public Jsonl jsonl = new Jsonl();
    public Tree tree = new Tree();
    public Limits limits = new Limits();
    public Content content = new Content();
    public Lang lang = new Lang();
    public Url url = new Url();

    /** Which WARC records become documents. */
    public static final class Warc {
        /** HTTP statuses whose payloads are kept; others are skipped and counted by status. */
        public List<Integer> statuses = new ArrayList<>(List.of(200));
        /** Payload types that become documents; others are skipped and counted by type. */
        public List<String> contentTypes = new ArrayList<>(List.of(
                "text/html", "application/xhtml+xml", "text/plain", "application/pdf"));
        /** Keep {@code resource} records (files captured without HTTP) whose URI is http(s), ftp or file. */
        public boolean resources = true;
    }

    /** JSONL dumps: which fields hold what. Dotted paths reach into objects ({@code meta.url}). */
    public static final class Jsonl {
        public String textField = "text";
        public String idField = "id";
        public String urlField = "url";
        /** {@code text}: the field is clean text; {@code html}: it is HTML to extract like a web page. */
        public String format = "text";
        /** Copy the record's other top-level fields into metadata. */
        public boolean keepFields = true;
    }

    /** Directory trees: loose files are grouped into tasks of this many files (archives are one task each). */
    public static final class Tree {
        public int filesPerTask = 500;
        /** Follow symbolic links when walking a directory. */
        public boolean followLinks = false;
    }

    /** Per-document limits; a document over one is rejected with the limit as the reason. */
    public static final class Limits {
        /** Largest payload read; bigger ones are rejected unread ({@code extract:too_large}). */
        public long maxBytes = 32L << 20;
        /** Longest text kept, in chars; longer text is cut ({@code truncated: true}) or rejected. */
        public int maxChars = 2_000_000;
        /** {@code truncate} or {@code reject} text over max_chars. */
        public String onMaxChars = "truncate";
        /**
         * Wall-clock budget per document in milliseconds, plus {@code time_budget_ms_per_mb} for each
         * MB of payload (a 300-page PDF legitimately takes longer than a web page); a parse that
         * runs over is abandoned.
         */
        public long timeBudgetMs = 10_000;
        public long timeBudgetMsPerMb = 5_000;
        /**
         * Chars of text per input byte above which a document is a decompression bomb (checked past
         * 100,000 chars). Real documents stay under about 5 (HTML under 1, PDF about 0.6, DOCX about 3).
         */
        public long maxCompressionRatio = 20;
        /** Deepest XML/HTML nesting accepted. */
        public int maxDepth = 500;
    }

    /** Main-content extraction for HTML. */
    public static final class Content {
        /** {@code winnow} (main content), {@code boilerpipe} (Tika's ArticleExtractor, baseline) or {@code full} (all body text). */
        public String method = "winnow";
        /** Learn navigation repeated across the pages of a site and drop it. */
        public boolean siteBoilerplate = true;
        /** Pages of one host held back to learn its repeated blocks before the first is written. */
        public int siteWindow = 16;
        /** A block on at least this share of a host's pages (and on min_pages of them) is navigation. */
        public double repeatShare = 0.5;
        public int repeatMinPages = 3;
        /** Documents with less text than this (code points) after extraction are rejected ({@code extract:no_text}). */
        public int minChars = 1;
    }

    /** Language identification. */
    public static final class Lang {
        public boolean enabled = true;
        /** Languages to keep (ISO 639-1, e.g. en, zh); empty keeps all. */
        public List<String> allow = new ArrayList<>();
        /** Minimum detector score; below it a document is rejected as {@code below_min_score:LANG}. */
        public double minScore = 0.65;
        /** Chars of text given to the detector (from the start, in whole lines). */
        public int sampleChars = 10_000;
    }

    /** URL normalization and filtering. */
    public static final class Url {
        public boolean normalize = true;
        /** UT1-layout blocklist directory: one folder per category holding {@code domains} and {@code urls} files. */
        public String blocklistDir;
        /** Categories to use from blocklist_dir; empty uses every folder found. */
        public List<String> categories = new ArrayList<>();
        /** Extra domain and URL list files (one entry a line, # comments). */
        public List<String> domainFiles = new ArrayList<>();
        public List<String> urlFiles = new ArrayList<>();
        /** datatrove-style word lists: whole words of the URL, several soft words, substrings of the squashed URL. */
        public String bannedWordsFile;
        public String softBannedWordsFile;
        public String bannedSubwordsFile;
        public int softWordThreshold = 2;
        /** {@code drop} rejects a listed URL; {@code tag} keeps it and records why in metadata.url_flags. */
        public String action = "drop";
        /** Keep only the newest capture of each (normalized) URL across all WARC/WET inputs of the run. */
        public boolean latestCapture = true;
    }

    /** The wall-clock budget for a payload of {@code bytes} bytes. */
    public long budgetMillis(long bytes) {
        return limits.timeBudgetMs + limits.timeBudgetMsPerMb * bytes / (1 << 20);
    }

    @Override
    public void validate() {
        if (warc == null || jsonl == null || tree == null || limits == null || content == null || lang == null || url == null) {
            throw new IllegalArgumentException("a settings section is null: remove the empty key or fill it in");
        }
        if (warc.statuses == null || warc.statuses.isEmpty()) throw new IllegalArgumentException("warc.statuses: list at least one status");
        if (warc.contentTypes == null || warc.contentTypes.isEmpty()) throw new IllegalArgumentException("warc.content_types: list at least one type");
        if (jsonl.textField == null || jsonl.textField.isBlank()) throw new IllegalArgumentException("jsonl.text_field must name a field");
        if (!List.of("text", "html").contains(jsonl.format)) throw new IllegalArgumentException("jsonl.format must be text or html, got '" + jsonl.format + "'");
        if (tree.filesPerTask < 1) throw new IllegalArgumentException("tree.files_per_task must be >= 1");
        if (limits.maxBytes < 1) throw new IllegalArgumentException("limits.max_bytes must be positive");
        if (limits.maxBytes > Integer.MAX_VALUE - 16) throw new IllegalArgumentException("limits.max_bytes must be under 2 GiB");
        if (limits.maxChars < 1) throw new IllegalArgumentException("limits.max_chars must be positive");
        if (!List.of("truncate", "reject").contains(limits.onMaxChars)) {
            throw new IllegalArgumentException("limits.on_max_chars must be truncate or reject, got '" + limits.onMaxChars + "'");
        }
        if (limits.timeBudgetMs < 1) throw new IllegalArgumentException("limits.time_budget_ms must be positive");
        if (limits.timeBudgetMsPerMb < 0) throw new IllegalArgumentException("limits.time_budget_ms_per_mb must be >= 0");
        if (limits.maxCompressionRatio < 1) throw new IllegalArgumentException("limits.max_compression_ratio must be positive");
        if (limits.maxDepth < 8) throw new IllegalArgumentException("limits.max_depth must be at least 8");
        if (!List.of("winnow", "boilerpipe", "full").contains(content.method)) {
            throw new IllegalArgumentException("content.method must be winnow, boilerpipe or full, got '" + content.method + "'");
        }
        if (content.siteWindow < 1) throw new IllegalArgumentException("content.site_window must be >= 1");
        if (content.repeatShare <= 0 || content.repeatShare > 1) throw new IllegalArgumentException("content.repeat_share must be in (0, 1]");
        if (content.repeatMinPages < 2) throw new IllegalArgumentException("content.repeat_min_pages must be >= 2");
        if (content.minChars < 0) throw new IllegalArgumentException("content.min_chars must be >= 0");
        if (lang.minScore < 0 || lang.minScore > 1) throw new IllegalArgumentException("lang.min_score must be in [0, 1]");
        if (lang.sampleChars < 100) throw new IllegalArgumentException("lang.sample_chars must be >= 100");
        if (!List.of("drop", "tag").contains(url.action)) throw new IllegalArgumentException("url.action must be drop or tag, got '" + url.action + "'");
        if (url.softWordThreshold < 1) throw new IllegalArgumentException("url.soft_word_threshold must be >= 1");
    }
}
