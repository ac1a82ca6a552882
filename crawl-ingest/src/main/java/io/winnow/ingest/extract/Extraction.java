package io.winnow.ingest.extract;

/**
 * Text extracted from one payload.
 *
 * @param text          the text (normalized newlines, no control characters)
 * @param method        how: {@code html:winnow}, {@code html:boilerpipe}, {@code html:full}, {@code text}, {@code tika:pdf} ...
 * @param contentType   the type the text was extracted as (detected, not only declared)
 * @param charset       the charset used to decode text formats, or null for binary formats
 * @param charsetSource {@code bom}, {@code header}, {@code meta}, {@code detected} or {@code default}; null with charset
 * @param title         the document's title if it has one
 * @param truncated     true when the text was cut at {@code limits.max_chars}
 * @param blocks        for HTML: the kept blocks (the site-boilerplate step refines them); null otherwise
 */
public record Extraction(String text, String method, String contentType, String charset, String charsetSource,
                         String title, boolean truncated, java.util.List<io.winnow.ingest.content.Block> blocks) {}
