package io.shardline.router.cache;

import io.shardline.router.sql.TokenType;
import io.shardline.router.sql.Tokens;

/**
 * MySQL's multi-table DELETE ({@code DELETE t1, t2 FROM t1 JOIN t2 ...}, {@code DELETE FROM t1, t2 USING t1 JOIN
 * t2 ...}) rewritten as the SELECT of its table references, {@code SELECT * FROM t1 JOIN t2 ...}: JSqlParser 5.4
 * parses neither the USING form with joins nor targets written {@code t1.*}. Nothing is lost: the targets are names
 * (often aliases) of tables among the references, and every table there counts as written anyway.
 */
final class MultiTableDelete {
    private MultiTableDelete() {}

    /** The SELECT, a WITH clause before the DELETE kept; null when the statement is a single-table DELETE. */
    static String asSelect(Tokens tokens) {
        int delete = deleteKeyword(tokens);
        if (delete < 0) {
            return null;
        }
        int i = delete + 1;
        while (tokens.isWord(i, "LOW_PRIORITY") || tokens.isWord(i, "QUICK") || tokens.isWord(i, "IGNORE")) {
            i++;
        }
        int references = tokens.isWord(i, "FROM") ? afterUsing(tokens, i + 1) : afterFrom(tokens, i);
        if (references < 0 || references >= tokens.size()) {
            return null;
        }
        String sql = tokens.source();
        return sql.substring(0, tokens.start(delete)) + "SELECT * FROM " + sql.substring(tokens.start(references));
    }

    /** The DELETE keyword: first, or after a WITH clause (outside its parentheses). */
    private static int deleteKeyword(Tokens tokens) {
        int depth = 0;
        for (int i = 0; i < tokens.size(); i++) {
            depth += depthChange(tokens, i);
            if (depth == 0 && tokens.isWord(i, "DELETE")) {
                return i;
            }
        }
        return -1;
    }

    /** {@code DELETE FROM targets USING references}: after USING; -1 for {@code DELETE FROM t [WHERE ...]}. */
    private static int afterUsing(Tokens tokens, int from) {
        int depth = 0;
        for (int i = from; i < tokens.size(); i++) {
            depth += depthChange(tokens, i);
            if (depth == 0 && tokens.isWord(i, "USING")) {
                return i + 1;
            }
            if (depth == 0 && (tokens.isWord(i, "WHERE") || tokens.isWord(i, "ORDER") || tokens.isWord(i, "LIMIT")
                    || tokens.isWord(i, "RETURNING"))) {
                return -1;
            }
        }
        return -1;
    }

    /** {@code DELETE targets FROM references}: after FROM. */
    private static int afterFrom(Tokens tokens, int from) {
        for (int i = from; i < tokens.size(); i++) {
            if (tokens.isWord(i, "FROM")) {
                return i + 1;
            }
        }
        return -1;
    }

    private static int depthChange(Tokens tokens, int i) {
        TokenType type = tokens.type(i);
        return type == TokenType.LPAREN ? 1 : type == TokenType.RPAREN ? -1 : 0;
    }
}
