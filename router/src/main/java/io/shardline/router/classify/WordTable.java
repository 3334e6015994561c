package io.shardline.router.classify;

import io.shardline.router.sql.Tokens;
import java.util.Arrays;

/**
 * Case-insensitive lookup of WORD tokens among enum constants named like SQL words, without copying the token
 * text: open addressing on an ASCII-folded hash, confirmed by {@link Tokens#isWord}. Immutable after construction.
 */
final class WordTable<E extends Enum<E>> {

    private final E[] slots;
    private final int mask;
    private final int minLength;
    private final int maxLength;

    WordTable(E[] words) {
        int capacity = Integer.highestOneBit(Math.max(words.length, 1) * 4);
        this.slots = Arrays.copyOf(words, capacity);
        Arrays.fill(slots, null);
        this.mask = capacity - 1;
        int min = Integer.MAX_VALUE;
        int max = 0;
        for (E word : words) {
            String name = word.name();
            min = Math.min(min, name.length());
            max = Math.max(max, name.length());
            int slot = hash(name, 0, name.length()) & mask;
            while (slots[slot] != null) {
                slot = (slot + 1) & mask;
            }
            slots[slot] = word;
        }
        this.minLength = min;
        this.maxLength = max;
    }

    /** The constant spelled like WORD token {@code i}, or null. */
    E get(Tokens tokens, int i) {
        int start = tokens.start(i);
        int length = tokens.end(i) - start;
        if (length < minLength || length > maxLength) {
            return null;
        }
        for (int slot = hash(tokens.source(), start, start + length) & mask; slots[slot] != null;
                slot = (slot + 1) & mask) {
            if (tokens.isWord(i, slots[slot].name())) {
                return slots[slot];
            }
        }
        return null;
    }

    private static int hash(String text, int start, int end) {
        int h = 0;
        for (int k = start; k < end; k++) {
            char c = text.charAt(k);
            h = 31 * h + (c >= 'a' && c <= 'z' ? c - ('a' - 'A') : c);
        }
        return h ^ (h >>> 16);
    }
}
