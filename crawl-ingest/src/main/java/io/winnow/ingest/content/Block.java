package io.winnow.ingest.content;

/**
 * One block of a page's text: a heading, paragraph, list item, table row or preformatted block,
 * with what the boilerplate rules look at.
 *
 * @param text      the block's text (whitespace collapsed, except in {@code PRE})
 * @param kind      what the block is
 * @param chars     non-whitespace code points (CJK-safe length: no word counting)
 * @param linkChars of those, the ones inside links
 * @param inMain    inside the page's main-content container
 * @param group     blocks of one list or table share a group (&gt; 0); 0 for none
 * @param level     heading level 1-6, 0 for other kinds
 */
public record Block(String text, Kind kind, int chars, int linkChars, boolean inMain, int group, int level) {
    public enum Kind { HEADING, PARAGRAPH, LIST_ITEM, TABLE_ROW, PRE }

    public double linkDensity() {
        return chars == 0 ? 0 : (double) linkChars / chars;
    }
}
