package io.shardline.router.sql;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The tokens of one text, kept as parallel arrays so that lexing allocates nothing per token; {@link #get(int)}
 * makes a {@link Token} on demand. Code tokens and comments are two channels: this object holds the code, and
 * {@link #comments()} holds COMMENT and HINT tokens, so code can be read without stepping over comments.
 *
 * <p>The accessors that compare text ({@link #isWord}, {@link #regionIs}, {@link #upperWord}) accept any index and
 * answer false/null outside {@code [0, size)}, which keeps look-ahead in callers free of bounds checks.
 */
public final class Tokens {

    private static final int MAX_KEYWORD_LENGTH = 64;

    private final String sql;
    private final Tokens comments;
    private TokenType[] types;
    private int[] starts;
    private int[] ends;
    private int size;

    Tokens(String sql, int capacity, boolean codeChannel) {
        this.sql = sql;
        this.types = new TokenType[capacity];
        this.starts = new int[capacity];
        this.ends = new int[capacity];
        this.comments = codeChannel ? new Tokens(sql, 4, false) : null;
    }

    void add(TokenType type, int start, int end) {
        if (size == types.length) {
            int capacity = size * 2;
            types = Arrays.copyOf(types, capacity);
            starts = Arrays.copyOf(starts, capacity);
            ends = Arrays.copyOf(ends, capacity);
        }
        types[size] = type;
        starts[size] = start;
        ends[size] = end;
        size++;
    }

    /** The text these tokens point into. */
    public String source() {
        return sql;
    }

    public int size() {
        return size;
    }

    /** Type of token {@code i}, or null when {@code i} is out of range. */
    public TokenType type(int i) {
        return i >= 0 && i < size ? types[i] : null;
    }

    public int start(int i) {
        return starts[checkIndex(i)];
    }

    public int end(int i) {
        return ends[checkIndex(i)];
    }

    public Token get(int i) {
        checkIndex(i);
        return new Token(types[i], starts[i], ends[i]);
    }

    public String text(int i) {
        return sql.substring(start(i), end(i));
    }

    public List<Token> toList() {
        List<Token> list = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            list.add(get(i));
        }
        return list;
    }

    /** COMMENT and HINT tokens in text order. Empty when this object is itself the comment channel. */
    public Tokens comments() {
        return comments != null ? comments : new Tokens(sql, 1, false);
    }

    /** True if token {@code i} is a WORD equal to {@code upperKeyword} (upper-case ASCII), ignoring case. */
    public boolean isWord(int i, String upperKeyword) {
        return type(i) == TokenType.WORD && ends[i] - starts[i] == upperKeyword.length()
                && regionIs(i, 0, upperKeyword);
    }

    /** True if the text of token {@code i} has {@code upperAscii} at {@code offset}, ignoring ASCII case. */
    public boolean regionIs(int i, int offset, String upperAscii) {
        if (type(i) == null || offset < 0) {
            return false;
        }
        int from = starts[i] + offset;
        if (from + upperAscii.length() > ends[i]) {
            return false;
        }
        for (int k = 0; k < upperAscii.length(); k++) {
            // ASCII-only folding on purpose: Unicode folding would let 'ſ' (U+017F) match 'S'.
            char c = sql.charAt(from + k);
            if (c >= 'a' && c <= 'z') {
                c -= 'a' - 'A';
            }
            if (c != upperAscii.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    /** A WORD token upper-cased, or null when it is not a WORD, is longer than 64 chars, or is not ASCII. */
    public String upperWord(int i) {
        if (type(i) != TokenType.WORD || ends[i] - starts[i] > MAX_KEYWORD_LENGTH) {
            return null;
        }
        char[] chars = new char[ends[i] - starts[i]];
        for (int k = 0; k < chars.length; k++) {
            char c = sql.charAt(starts[i] + k);
            if (c >= 0x80) {
                return null;
            }
            chars[k] = c >= 'a' && c <= 'z' ? (char) (c - ('a' - 'A')) : c;
        }
        return new String(chars);
    }

    /**
     * The text of a COMMENT or HINT token without its markers, stripped of surrounding whitespace. A hint keeps its
     * {@code +}, directly followed by the stripped body: {@code /*+ a b *}{@code /} gives {@code "+a b"}.
     */
    public String commentBody(int i) {
        int start = start(i);
        int end = end(i);
        if (types[i] == TokenType.HINT) {
            return "+" + sql.substring(start + 3, blockBodyEnd(start, end, 5)).strip();
        }
        char first = sql.charAt(start);
        if (first == '#') {
            return sql.substring(start + 1, end).strip();
        }
        if (first == '-') {
            return sql.substring(start + 2, end).strip();
        }
        return sql.substring(start + 2, blockBodyEnd(start, end, 4)).strip();
    }

    /** End of a block comment's body: before its closing marker, or the end of text if it was never closed. */
    private int blockBodyEnd(int start, int end, int shortestClosed) {
        boolean closed = end - start >= shortestClosed && sql.startsWith("*/", end - 2);
        return closed ? end - 2 : end;
    }

    private int checkIndex(int i) {
        if (i < 0 || i >= size) {
            throw new IndexOutOfBoundsException("token " + i + " of " + size);
        }
        return i;
    }
}
