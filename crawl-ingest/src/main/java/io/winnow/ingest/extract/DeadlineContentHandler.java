package io.winnow.ingest.extract;

import org.apache.tika.sax.ContentHandlerDecorator;
import org.xml.sax.Attributes;
import org.xml.sax.ContentHandler;
import org.xml.sax.SAXException;

/**
 * Checks the document's deadline on every SAX event, marks PDF page starts with a form feed (so
 * running headers and footers can be found afterwards), and rejects output that is out of all
 * proportion to the input (a decompression bomb).
 */
final class DeadlineContentHandler extends ContentHandlerDecorator {
    /** Page separator in Tika text output; removed after the page furniture is found. */
    static final char PAGE_BREAK = '\f';

    private final Deadline deadline;
    private final long inputBytes;
    private final long maxRatio;
    private final int maxDepth;
    private long chars;
    private int depth;

    /** Below this many chars of output no document is called a bomb, whatever the ratio. */
    static final long RATIO_FLOOR = 100_000;

    DeadlineContentHandler(ContentHandler handler, Deadline deadline, long inputBytes, long maxRatio, int maxDepth) {
        super(handler);
        this.deadline = deadline;
        this.inputBytes = Math.max(1, inputBytes);
        this.maxRatio = maxRatio;
        this.maxDepth = maxDepth;
    }

    @Override
    public void endElement(String uri, String localName, String qName) throws SAXException {
        depth--;
        super.endElement(uri, localName, qName);
    }

    @Override
    public void startElement(String uri, String localName, String qName, Attributes atts) throws SAXException {
        deadline.check();
        if (++depth > maxDepth) throw new ExtractException("too_deep", "nesting deeper than " + maxDepth + " elements");
        if ("div".equals(localName) && "page".equals(atts.getValue("class"))) {
            char[] ff = {PAGE_BREAK};
            super.characters(ff, 0, 1);
        }
        super.startElement(uri, localName, qName, atts);
    }

    @Override
    public void characters(char[] ch, int start, int length) throws SAXException {
        deadline.check();
        chars += length;
        if (chars > RATIO_FLOOR && chars / inputBytes > maxRatio) {
            throw new ExtractException("bomb", "output of " + chars + " chars from " + inputBytes
                    + " input bytes is over the ratio limit of " + maxRatio);
        }
        super.characters(ch, start, length);
    }

    @Override
    public void ignorableWhitespace(char[] ch, int start, int length) throws SAXException {
        deadline.check();
        super.ignorableWhitespace(ch, start, length);
    }
}
