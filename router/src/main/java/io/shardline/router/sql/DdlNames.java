package io.shardline.router.sql;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The names a DDL statement gives, read from its tokens: the sharding planner routes DDL by its tables, and the
 * result cache invalidates what DDL changes. No parser involved: JSqlParser does not know all of MySQL's DDL.
 *
 * <p>Tables: the name after TABLE, TABLES or LIKE ({@code IF [NOT] EXISTS} skipped), after TRUNCATE without TABLE,
 * after ON in CREATE / DROP INDEX, after TO in RENAME TABLE and after ALTER TABLE's RENAME [TO | AS], and the
 * further names of a comma-separated list ({@code DROP TABLE a, b}). ON elsewhere ({@code ON UPDATE
 * CURRENT_TIMESTAMP}, {@code ON DELETE CASCADE}) and TO of RENAME COLUMN / INDEX name no table. Views: the names
 * after VIEW ({@code DROP VIEW a, b}). Apart, the tables a FOREIGN KEY REFERENCES.
 *
 * @param tables     in order of appearance
 * @param views      in order of appearance
 * @param referenced the tables FOREIGN KEYs reference, in order of appearance
 */
public record DdlNames(Set<TableName> tables, Set<TableName> views, Set<TableName> referenced) {
    private static final Set<String> NOT_RENAMED_TABLE = Set.of("COLUMN", "INDEX", "KEY", "CONSTRAINT", "TO", "AS");
    private static final Set<String> EXISTENCE = Set.of("IF", "NOT", "EXISTS");

    public DdlNames {
        tables = java.util.Collections.unmodifiableSet(new LinkedHashSet<>(tables));
        views = java.util.Collections.unmodifiableSet(new LinkedHashSet<>(views));
        referenced = java.util.Collections.unmodifiableSet(new LinkedHashSet<>(referenced));
    }

    public static DdlNames of(Tokens tokens) {
        Set<TableName> tables = new LinkedHashSet<>();
        Set<TableName> views = new LinkedHashSet<>();
        Set<TableName> referenced = new LinkedHashSet<>();
        boolean index = indexStatement(tokens);
        boolean rename = tokens.isWord(0, "RENAME");
        Set<TableName> expect = tokens.isWord(0, "TRUNCATE") && !tokens.isWord(1, "TABLE") ? tables : null;
        Set<TableName> list = null; // the names of a comma-separated list go where its first one went
        int depth = 0;
        for (int i = 1; i < tokens.size(); i++) {
            TokenType type = tokens.type(i);
            String word = type == TokenType.WORD ? tokens.upperWord(i) : null;
            depth += type == TokenType.LPAREN ? 1 : type == TokenType.RPAREN ? -1 : 0;
            if (expect != null && expect != referenced && word != null && EXISTENCE.contains(word)) {
                continue;
            }
            if (expect != null && TableName.isIdentifier(tokens, i)) {
                expect.add(TableName.at(tokens, i));
                i = TableName.last(tokens, i);
                list = expect == referenced ? null : expect;
                expect = null;
            } else if (list != null && type == TokenType.COMMA) {
                expect = list;
            } else {
                list = null;
                expect = word == null ? null : switch (word) {
                    case "REFERENCES" -> referenced;
                    case "VIEW" -> views;
                    case "TABLE", "TABLES", "LIKE" -> tables;
                    case "ON" -> index && depth == 0 ? tables : null;
                    case "TO" -> rename || tokens.isWord(i - 1, "RENAME") ? tables : null;
                    case "AS" -> tokens.isWord(i - 1, "RENAME") ? tables : null;
                    case "RENAME" -> !rename && !NOT_RENAMED_TABLE.contains(upper(tokens, i + 1)) ? tables : null;
                    default -> null;
                };
            }
        }
        return new DdlNames(tables, views, referenced);
    }

    /** CREATE [UNIQUE | FULLTEXT | SPATIAL] INDEX, DROP INDEX: INDEX comes before any TABLE or ON. */
    private static boolean indexStatement(Tokens tokens) {
        if (!tokens.isWord(0, "CREATE") && !tokens.isWord(0, "DROP")) {
            return false;
        }
        for (int i = 1; i < tokens.size(); i++) {
            if (tokens.isWord(i, "INDEX")) {
                return true;
            }
            if (tokens.isWord(i, "TABLE") || tokens.isWord(i, "ON") || tokens.type(i) == TokenType.LPAREN) {
                return false;
            }
        }
        return false;
    }

    private static String upper(Tokens tokens, int i) {
        String result = tokens.upperWord(i);
        return result == null ? "" : result;
    }
}
