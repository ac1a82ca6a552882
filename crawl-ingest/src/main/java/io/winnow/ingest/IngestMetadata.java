package io.winnow.ingest;

/** Metadata keys the ingest stage writes on every document (snake_case, stable). */
public final class IngestMetadata {
    private IngestMetadata() {}

    public static final String WARC_RECORD_ID = "warc_record_id";
    public static final String WARC_DATE = "warc_date";
    public static final String WARC_FILE = "warc_file";
    public static final String WARC_OFFSET = "warc_offset";
    public static final String HTTP_STATUS = "http_status";
    public static final String CONTENT_TYPE = "content_type";
    public static final String CHARSET = "charset";
    public static final String EXTRACTION = "extraction";
    public static final String RAW_BYTES = "raw_bytes";
    public static final String TITLE = "title";
    public static final String TRUNCATED = "truncated";
    public static final String PATH = "path";
    public static final String LANG_SCORE = "lang_score";
    public static final String SCRIPT = "script";
    public static final String URL_RAW = "url_raw";
    public static final String URL_FLAGS = "url_flags";
}
