package io.winnow.tokenizer.train;

import io.winnow.tokenizer.text.Utf8;

/**
 * SentencePiece's SplitIntoWords on a normalized sentence: a word starts at each U+2581 (or ends after it with
 * treat_whitespace_as_suffix); with allow_whitespace_only_pieces a run of U+2581 stays together.
 */
final class WordSplitter {
    interface WordSink { void word(byte[] s, int off, int len); }

    private final boolean suffix, allowWsOnly;

    WordSplitter(boolean treatWhitespaceAsSuffix, boolean allowWhitespaceOnlyPieces) {
        this.suffix = treatWhitespaceAsSuffix;
        this.allowWsOnly = allowWhitespaceOnlyPieces;
    }

    private static boolean isWs(byte[] s, int p, int mblen) {
        return mblen == 3 && s[p] == (byte) 0xE2 && s[p + 1] == (byte) 0x96 && s[p + 2] == (byte) 0x81;
    }

    void split(byte[] s, int from, int to, WordSink sink) {
        int wStart = from;
        boolean inWs = false;
        boolean have = false;
        int p = from;
        if (suffix) {
            if (p < to) have = true;
            while (p < to) {
                int mblen = Math.min(Utf8.oneCharLen(s[p]), to - p);
                boolean ws = isWs(s, p, mblen);
                if (ws) {
                    inWs = true;
                } else if (inWs) {
                    if (allowWsOnly) {
                        sink.word(s, wStart, p - wStart);
                        wStart = p;
                    }
                    inWs = false;
                }
                p += mblen;
                if (p < to && ws && !allowWsOnly) {
                    sink.word(s, wStart, p - wStart);
                    wStart = p;
                }
            }
        } else {
            while (p < to) {
                int mblen = Math.min(Utf8.oneCharLen(s[p]), to - p);
                boolean ws = isWs(s, p, mblen);
                if (p == from || (ws && (!inWs || !allowWsOnly))) {
                    if (have) sink.word(s, wStart, p - wStart);
                    wStart = p;
                    have = true;
                    inWs = true;
                }
                if (inWs && !ws) inWs = false;
                p += mblen;
            }
        }
        if (have) sink.word(s, wStart, to - wStart);
    }
}
