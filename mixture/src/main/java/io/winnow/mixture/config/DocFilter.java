package io.winnow.mixture.config;

import io.winnow.core.doc.Document;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A condition on a document, parsed from one line of a mixture config:
 * <pre>
 *   scores.toxicity &lt; 0.3
 *   lang in [zh, en]
 *   scores.lang_score &gt;= 0.8 and not metadata.site in ["spam.example", "ads.example"]
 *   not exists scores.toxicity or scores.toxicity &lt; 0.3
 * </pre>
 * Grammar: {@code expr := and ('or' and)*; and := unary ('and' unary)*; unary := 'not' unary | '(' expr ')' |
 * 'exists' FIELD | FIELD OP VALUE | FIELD ['not'] 'in' '[' VALUE, ... ']'}; OP is one of
 * {@code < <= > >= == = !=}. Values are numbers, quoted strings, bare words (strings), true, false.
 * Numbers compare numerically, strings by equality. A document without the field fails every comparison,
 * {@code !=} and {@code not in} included; {@code exists} tests for it.
 */
public final class DocFilter {
    private final String text;
    private final Node root;

    private DocFilter(String text, Node root) {
        this.text = text;
        this.root = root;
    }

    /** Parses one condition; the exception's message says where it went wrong. */
    public static DocFilter parse(String text) {
        if (text == null || text.isBlank()) throw new IllegalArgumentException("empty condition");
        Parser p = new Parser(text);
        Node n = p.or();
        if (!p.atEnd()) throw p.error("unexpected '" + p.peek().text + "'");
        return new DocFilter(text.strip(), n);
    }

    public boolean test(Document d) {
        return root.test(d);
    }

    @Override
    public String toString() { return text; }

    // ------------------------------------------------------------------ evaluation

    private interface Node {
        boolean test(Document d);
    }

    private enum Op { LT, LE, GT, GE, EQ, NE }

    private record Compare(FieldPath field, Op op, Object value) implements Node {
        @Override
        public boolean test(Document d) {
            Object v = field.resolve(d);
            if (v == null) return false;
            if (v instanceof Number n && value instanceof Double x) {
                int c = Double.compare(n.doubleValue(), x);
                return switch (op) {
                    case LT -> c < 0;
                    case LE -> c <= 0;
                    case GT -> c > 0;
                    case GE -> c >= 0;
                    case EQ -> c == 0;
                    case NE -> c != 0;
                };
            }
            if (op == Op.EQ) return equal(v, value);
            if (op == Op.NE) return !equal(v, value);
            return false; // an order comparison needs a number on both sides
        }
    }

    private record In(FieldPath field, List<Object> values, boolean negated) implements Node {
        @Override
        public boolean test(Document d) {
            Object v = field.resolve(d);
            if (v == null) return false;
            boolean found = false;
            for (Object x : values) {
                if (equal(v, x)) {
                    found = true;
                    break;
                }
            }
            return found != negated;
        }
    }

    private record Exists(FieldPath field) implements Node {
        @Override
        public boolean test(Document d) { return field.resolve(d) != null; }
    }

    private record Not(Node inner) implements Node {
        @Override
        public boolean test(Document d) { return !inner.test(d); }
    }

    private record And(List<Node> parts) implements Node {
        @Override
        public boolean test(Document d) {
            for (Node n : parts) if (!n.test(d)) return false;
            return true;
        }
    }

    private record Or(List<Node> parts) implements Node {
        @Override
        public boolean test(Document d) {
            for (Node n : parts) if (n.test(d)) return true;
            return false;
        }
    }

    /** A document value equals a literal: numbers by value, everything else by its string form. */
    static boolean equal(Object docValue, Object literal) {
        if (docValue instanceof Number n) {
            if (literal instanceof Double x) return Double.compare(n.doubleValue(), x) == 0;
            return false;
        }
        if (literal instanceof Double) {
            return false;
        }
        return String.valueOf(docValue).equals(String.valueOf(literal));
    }

    // ------------------------------------------------------------------ parsing

    private record Token(String text, boolean quoted, int column) {}

    private static final class Parser {
        private final String src;
        private final List<Token> tokens = new ArrayList<>();
        private int pos;

        Parser(String src) {
            this.src = src;
            lex();
        }

        private void lex() {
            int i = 0;
            while (i < src.length()) {
                char c = src.charAt(i);
                if (Character.isWhitespace(c)) {
                    i++;
                } else if (c == '"' || c == '\'') {
                    int j = src.indexOf(c, i + 1);
                    if (j < 0) throw new IllegalArgumentException("unclosed quote at column " + (i + 1) + " of \"" + src + "\"");
                    tokens.add(new Token(src.substring(i + 1, j), true, i + 1));
                    i = j + 1;
                } else if ("()[],".indexOf(c) >= 0) {
                    tokens.add(new Token(String.valueOf(c), false, i + 1));
                    i++;
                } else if ("<>=!".indexOf(c) >= 0) {
                    int j = i + 1;
                    if (j < src.length() && src.charAt(j) == '=') j++;
                    tokens.add(new Token(src.substring(i, j), false, i + 1));
                    i = j;
                } else {
                    int j = i;
                    while (j < src.length() && !Character.isWhitespace(src.charAt(j)) && "()[],<>=!\"'".indexOf(src.charAt(j)) < 0) j++;
                    tokens.add(new Token(src.substring(i, j), false, i + 1));
                    i = j;
                }
            }
        }

        boolean atEnd() { return pos >= tokens.size(); }

        Token peek() { return atEnd() ? null : tokens.get(pos); }

        private boolean keyword(String k) {
            Token t = peek();
            return t != null && !t.quoted && t.text.toLowerCase(Locale.ROOT).equals(k);
        }

        private Token next(String expected) {
            if (atEnd()) throw error("expected " + expected + " at the end");
            return tokens.get(pos++);
        }

        IllegalArgumentException error(String what) {
            Token t = peek();
            String where = t == null ? "" : " at column " + t.column;
            return new IllegalArgumentException(what + where + " of \"" + src + "\"");
        }

        Node or() {
            List<Node> parts = new ArrayList<>(List.of(and()));
            while (keyword("or")) {
                pos++;
                parts.add(and());
            }
            return parts.size() == 1 ? parts.get(0) : new Or(List.copyOf(parts));
        }

        Node and() {
            List<Node> parts = new ArrayList<>(List.of(unary()));
            while (keyword("and")) {
                pos++;
                parts.add(unary());
            }
            return parts.size() == 1 ? parts.get(0) : new And(List.copyOf(parts));
        }

        Node unary() {
            if (keyword("not")) {
                pos++;
                return new Not(unary());
            }
            Token t = peek();
            if (t != null && !t.quoted && t.text.equals("(")) {
                pos++;
                Node n = or();
                Token close = next("')'");
                if (close.quoted || !close.text.equals(")")) {
                    pos--;
                    throw error("expected ')'");
                }
                return n;
            }
            if (keyword("exists")) {
                pos++;
                return new Exists(field());
            }
            return comparison();
        }

        private FieldPath field() {
            Token t = next("a field name");
            if (t.quoted || !t.text.matches("[A-Za-z_][A-Za-z0-9_\\-]*(\\.[A-Za-z0-9_\\-]+)*")) {
                pos--;
                throw error("expected a field name (like lang or scores.toxicity), found '" + t.text + "'");
            }
            return new FieldPath(t.text);
        }

        private Node comparison() {
            FieldPath f = field();
            if (keyword("not")) {
                pos++;
                if (!keyword("in")) throw error("expected 'in' after 'not'");
                pos++;
                return new In(f, list(), true);
            }
            if (keyword("in")) {
                pos++;
                return new In(f, list(), false);
            }
            Token op = next("a comparison (<, <=, >, >=, ==, !=, in)");
            Op o = switch (op.quoted ? "" : op.text) {
                case "<" -> Op.LT;
                case "<=" -> Op.LE;
                case ">" -> Op.GT;
                case ">=" -> Op.GE;
                case "==", "=" -> Op.EQ;
                case "!=" -> Op.NE;
                default -> {
                    pos--;
                    throw error("expected a comparison (<, <=, >, >=, ==, !=, in) after '" + f + "'");
                }
            };
            Object v = value();
            if ((o == Op.LT || o == Op.LE || o == Op.GT || o == Op.GE) && !(v instanceof Double)) {
                pos--;
                throw error("'" + op.text + "' needs a number");
            }
            return new Compare(f, o, v);
        }

        private List<Object> list() {
            Token open = next("'['");
            if (open.quoted || !open.text.equals("[")) {
                pos--;
                throw error("expected '[' to start the list");
            }
            List<Object> values = new ArrayList<>();
            while (true) {
                values.add(value());
                Token t = next("',' or ']'");
                if (!t.quoted && t.text.equals("]")) break;
                if (t.quoted || !t.text.equals(",")) {
                    pos--;
                    throw error("expected ',' or ']'");
                }
            }
            return List.copyOf(values);
        }

        private Object value() {
            Token t = next("a value");
            if (t.quoted) return t.text;
            if ("()[],<>=!".contains(t.text.substring(0, 1))) {
                pos--;
                throw error("expected a value, found '" + t.text + "'");
            }
            String s = t.text;
            if (s.equals("true") || s.equals("false")) return s;
            try {
                if (s.matches("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?")) return Double.parseDouble(s);
            } catch (NumberFormatException e) {
                // not a number: a bare word
            }
            return s;
        }
    }
}
