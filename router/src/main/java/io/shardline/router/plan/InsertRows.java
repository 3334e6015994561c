package io.shardline.router.plan;

import io.shardline.router.sql.TokenType;
import io.shardline.router.sql.Tokens;
import java.util.ArrayList;
import java.util.List;

/**
 * Where the parts of an {@code INSERT ... VALUES} stand in the client's text: each row's parenthesized text
 * (before the first is the head, after the last the tail, such as {@code ON DUPLICATE KEY UPDATE ...}), and the
 * closing parenthesis of the column list. Found from tokens, so rows can be regrouped per node without touching
 * anything the client wrote inside them.
 *
 * @param columnListEnd offset of the column list's closing parenthesis, or -1 without a column list
 * @param rows {start, end} offsets of each row, parentheses included
 */
record InsertRows(int columnListEnd, List<int[]> rows) {

    /** Where the first row starts: everything before is the head. */
    int headEnd() {
        return rows.get(0)[0];
    }

    /** Where the last row ends: everything after is the tail. */
    int tailStart() {
        return rows.get(rows.size() - 1)[1];
    }

    /** Null when the text has no VALUES rows at the top level. */
    static InsertRows of(Tokens tokens) {
        int depth = 0;
        int columnListEnd = -1;
        int values = -1;
        for (int i = 0; i < tokens.size() && values < 0; i++) {
            TokenType type = tokens.type(i);
            if (type == TokenType.LPAREN) {
                depth++;
            } else if (type == TokenType.RPAREN) {
                depth--;
                if (depth == 0 && columnListEnd < 0) {
                    columnListEnd = tokens.start(i);
                }
            } else if (depth == 0 && (tokens.isWord(i, "VALUES") || tokens.isWord(i, "VALUE"))) {
                values = i;
            }
        }
        if (values < 0) {
            return null;
        }
        List<int[]> rows = new ArrayList<>();
        int i = values + 1;
        while (i < tokens.size() && tokens.type(i) == TokenType.LPAREN) {
            int start = tokens.start(i);
            int level = 0;
            int j = i;
            for (; j < tokens.size(); j++) {
                if (tokens.type(j) == TokenType.LPAREN) {
                    level++;
                } else if (tokens.type(j) == TokenType.RPAREN && --level == 0) {
                    break;
                }
            }
            if (j == tokens.size()) {
                return null; // unbalanced: leave it to the server's parser
            }
            rows.add(new int[] {start, tokens.end(j)});
            i = j + 1;
            if (i < tokens.size() && tokens.type(i) == TokenType.COMMA) {
                i++;
            } else {
                break;
            }
        }
        if (rows.isEmpty()) {
            return null;
        }
        return new InsertRows(columnListEnd, List.copyOf(rows));
    }
}
