package io.shardline.router.sql;

/**
 * A table (or view) name as a statement writes it: the schema it is qualified with, if any, and the name, each as
 * {@link Identifiers#plain} gives it (unquoted, lower case).
 *
 * @param schema the qualifier of {@code shop.t_order}, or null when the name is not qualified
 * @param table  the name itself
 */
public record TableName(String schema, String table) {

    /** The name starting at token {@code first}: {@code t}, {@code s.t}, {@code `s`.`t`}. */
    public static TableName at(Tokens tokens, int first) {
        int last = last(tokens, first);
        String schema = last == first ? null : Identifiers.plain(tokens.text(first));
        return new TableName(schema, Identifiers.plain(tokens.text(last)));
    }

    /** The index of the last token of the name starting at token {@code first}. */
    public static int last(Tokens tokens, int first) {
        return tokens.type(first + 1) == TokenType.DOT && isIdentifier(tokens, first + 2) ? first + 2 : first;
    }

    /** Whether token {@code i} may be (part of) a name: an unquoted word or a quoted identifier. */
    public static boolean isIdentifier(Tokens tokens, int i) {
        TokenType type = tokens.type(i);
        return type == TokenType.WORD || type == TokenType.QUOTED_IDENT;
    }

    /** {@code schema.table} with the schema given, or else {@code defaultSchema}; null when neither has one. */
    public String qualified(String defaultSchema) {
        String owner = schema != null ? schema : defaultSchema;
        return owner == null ? null : owner + "." + table;
    }
}
