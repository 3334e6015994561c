package io.shardline.router.sql;

/** One token as offsets into the statement text: {@code start} inclusive, {@code end} exclusive. */
public record Token(TokenType type, int start, int end) {

    public int length() {
        return end - start;
    }

    public String text(String sql) {
        return sql.substring(start, end);
    }
}
