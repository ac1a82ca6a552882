package io.winnow.ingest.url;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Finds whether any of a set of words occurs as a substring, in one pass over the text. */
final class AhoCorasick {
    private static final class Node {
        final Map<Character, Node> next = new HashMap<>();
        Node fail;
        boolean terminal;
    }

    private final Node root = new Node();

    AhoCorasick(List<String> words) {
        for (String w : words) {
            if (w.isEmpty()) continue;
            Node n = root;
            for (int i = 0; i < w.length(); i++) n = n.next.computeIfAbsent(w.charAt(i), k -> new Node());
            n.terminal = true;
        }
        ArrayDeque<Node> queue = new ArrayDeque<>();
        for (Node c : root.next.values()) {
            c.fail = root;
            queue.add(c);
        }
        while (!queue.isEmpty()) {
            Node n = queue.poll();
            for (Map.Entry<Character, Node> e : n.next.entrySet()) {
                Node child = e.getValue();
                Node f = n.fail;
                while (f != null && !f.next.containsKey(e.getKey())) f = f.fail;
                child.fail = f == null ? root : f.next.get(e.getKey());
                child.terminal |= child.fail.terminal;
                queue.add(child);
            }
        }
    }

    /** The first word found in {@code text}, by end position; null if none. */
    boolean matches(String text) {
        Node n = root;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            while (n != root && !n.next.containsKey(c)) n = n.fail;
            n = n.next.getOrDefault(c, root);
            if (n.terminal) return true;
        }
        return false;
    }
}
