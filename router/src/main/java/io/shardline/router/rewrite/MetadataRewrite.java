package io.shardline.router.rewrite;

import io.shardline.router.merge.RowRewrite;
import io.shardline.router.rule.SchemaRules;
import io.shardline.router.rule.TableRule;
import io.shardline.router.sql.Identifiers;
import io.shardline.router.sql.TokenType;
import io.shardline.router.sql.Tokens;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Makes metadata answers show a sharded schema's logical tables: {@code SHOW [FULL] TABLES}, {@code SHOW TABLE
 * STATUS}, queries of {@code information_schema}, and the SHOW / DESCRIBE / EXPLAIN statements answered by a
 * sharded table's first actual table. The statement runs on one data source; in its rows, each sharded table's
 * first actual table there ({@code t_order_0}) is shown by its logical name and its other actual tables are left
 * out, so tools see one {@code t_order}. SHOW TABLES lists sharded tables with no actual table on that data
 * source too, and applies its LIKE to the logical names. String literals in an information_schema query that name
 * a sharded table ({@code TABLE_NAME = 't_order'}) ask for its first actual table instead.
 */
public final class MetadataRewrite implements RowRewrite {
    private enum Kind { SHOW_TABLES, TABLE_STATUS, OTHER }

    private final String sql;
    private final Kind kind;
    private final boolean full;
    private final Pattern like;
    /** The LIKE pattern as the client wrote it (without quotes), which SHOW TABLES puts in its column's label. */
    private final String likeText;
    /** Actual table → logical table, for the first actual table of each sharded table on the data source. */
    private final Map<String, String> shown = new LinkedHashMap<>();
    /** Every other actual table of a sharded table on the data source (their rows are left out). */
    private final java.util.Set<String> hidden = new java.util.HashSet<>();
    private final List<String> logical = new ArrayList<>();

    private MetadataRewrite(String sql, Kind kind, boolean full, String likeText, SchemaRules rules,
                            String dataSource) {
        this.likeText = likeText;
        this.like = likeText == null ? null : likePattern(likeText);
        this.sql = sql;
        this.kind = kind;
        this.full = full;
        for (TableRule rule : rules.tables().values()) {
            logical.add(rule.logicalTable().toLowerCase(Locale.ROOT));
            List<String> there = rule.tablesOn(dataSource);
            for (int i = 0; i < there.size(); i++) {
                if (i == 0) {
                    shown.put(there.get(i), rule.logicalTable().toLowerCase(Locale.ROOT));
                } else {
                    hidden.add(there.get(i));
                }
            }
        }
    }

    /**
     * The rewrite of a metadata statement run on {@code dataSource}, or null when the statement is none: not SHOW
     * TABLES / SHOW TABLE STATUS, and names neither information_schema nor a sharded table.
     */
    public static MetadataRewrite of(Tokens tokens, SchemaRules rules, String dataSource) {
        if (tokens.isWord(0, "SHOW")) {
            int i = tokens.isWord(1, "FULL") ? 2 : 1;
            Kind kind = tokens.isWord(i, "TABLES") ? Kind.SHOW_TABLES
                    : tokens.isWord(i, "TABLE") && tokens.isWord(i + 1, "STATUS") ? Kind.TABLE_STATUS : null;
            if (kind != null) {
                return show(tokens, rules, dataSource, kind, i == 2);
            }
        }
        boolean informationSchema = false;
        for (int i = 0; i < tokens.size(); i++) {
            informationSchema |= tokens.type(i) == TokenType.WORD && tokens.isWord(i, "INFORMATION_SCHEMA")
                    || tokens.type(i) == TokenType.QUOTED_IDENT
                    && Identifiers.plain(tokens.text(i)).equalsIgnoreCase("information_schema");
        }
        if (!informationSchema) {
            return null;
        }
        return new MetadataRewrite(askForActualTables(tokens, rules, dataSource), Kind.OTHER, false, null, rules,
                dataSource);
    }

    /**
     * A statement answered by a sharded table's first actual table (DESCRIBE, SHOW CREATE TABLE, SHOW INDEX,
     * EXPLAIN): its rows show the logical name.
     */
    public static MetadataRewrite ofFirstShard(String sql, SchemaRules rules, String dataSource) {
        return new MetadataRewrite(sql, Kind.OTHER, false, null, rules, dataSource);
    }

    private static MetadataRewrite show(Tokens tokens, SchemaRules rules, String dataSource, Kind kind,
                                        boolean full) {
        String sql = tokens.source();
        String like = null;
        for (int i = 0; i < tokens.size(); i++) {
            if (tokens.isWord(i, "LIKE") && tokens.type(i + 1) == TokenType.STRING) {
                like = unquoted(tokens.text(i + 1)).replace("\\\\", "\\");
                sql = sql.substring(0, tokens.start(i)).stripTrailing() + sql.substring(tokens.end(i + 1));
                break;
            }
        }
        return new MetadataRewrite(sql, kind, full, like, rules, dataSource);
    }

    /** The statement to run. */
    public String sql() {
        return sql;
    }

    /** The text with each string literal that names a sharded table naming its first actual table there. */
    private static String askForActualTables(Tokens tokens, SchemaRules rules, String dataSource) {
        StringBuilder result = new StringBuilder();
        String source = tokens.source();
        int copied = 0;
        for (int i = 0; i < tokens.size(); i++) {
            if (tokens.type(i) != TokenType.STRING) {
                continue;
            }
            String text = tokens.text(i);
            String value = unquoted(text).toLowerCase(Locale.ROOT);
            String actual = firstActualTable(rules, value, dataSource);
            if (actual != null) {
                result.append(source, copied, tokens.start(i)).append(text.charAt(0)).append(actual)
                        .append(text.charAt(text.length() - 1));
                copied = tokens.end(i);
            }
        }
        return result.append(source.substring(copied)).toString();
    }

    private static String firstActualTable(SchemaRules rules, String logicalName, String dataSource) {
        TableRule rule = rules.table(logicalName);
        List<String> there = rule == null ? List.of() : rule.tablesOn(dataSource);
        return there.isEmpty() ? null : there.get(0);
    }

    @Override
    public String label(int column, String label) {
        return kind == Kind.SHOW_TABLES && column == 0 && likeText != null ? label + " (" + likeText + ")" : label;
    }

    @Override
    public List<byte[][]> apply(List<String> columns, List<byte[][]> rows) {
        int nameColumn = kind == Kind.OTHER ? -1 : 0;
        int createColumn = -1;
        List<Integer> nameColumns = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            String label = columns.get(i).toLowerCase(Locale.ROOT);
            if (i == nameColumn || label.equals("table_name") || label.equals("table")) {
                nameColumns.add(i);
            }
            if (label.equals("create table")) {
                createColumn = i;
            }
        }
        List<byte[][]> result = new ArrayList<>(rows.size());
        List<String> listed = new ArrayList<>();
        for (byte[][] row : rows) {
            byte[][] mapped = map(row, nameColumns, createColumn);
            if (mapped != null) {
                result.add(mapped);
                if (!nameColumns.isEmpty() && mapped[nameColumns.get(0)] != null) {
                    listed.add(text(mapped[nameColumns.get(0)]).toLowerCase(Locale.ROOT));
                }
            }
        }
        if (kind == Kind.SHOW_TABLES) {
            for (String each : logical) {
                if (!listed.contains(each)) {
                    result.add(full ? new byte[][] {bytes(each), bytes("BASE TABLE")} : new byte[][] {bytes(each)});
                }
            }
        }
        if (kind != Kind.OTHER) {
            if (like != null) {
                result.removeIf(row -> !like.matcher(text(row[0])).matches());
            }
            result.sort(Comparator.comparing(row -> text(row[0])));
        }
        return result;
    }

    /** The row with logical names, or null when it describes an actual table that is not the one shown. */
    private byte[][] map(byte[][] row, List<Integer> nameColumns, int createColumn) {
        byte[][] result = row;
        for (int column : nameColumns) {
            if (row[column] == null) {
                continue;
            }
            String value = text(row[column]);
            if (hidden.contains(value)) {
                return null;
            }
            String logicalName = shown.get(value);
            if (logicalName != null) {
                result = result == row ? row.clone() : result;
                result[column] = bytes(logicalName);
                if (createColumn >= 0 && row[createColumn] != null) {
                    result[createColumn] = bytes(text(row[createColumn]).replaceFirst(
                            "`" + Pattern.quote(value) + "`", "`" + logicalName + "`"));
                }
            }
        }
        return result;
    }

    /** SQL LIKE as a regular expression: % and _ wildcards, backslash escapes. */
    static Pattern likePattern(String like) {
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < like.length(); i++) {
            char c = like.charAt(i);
            if (c == '\\' && i + 1 < like.length()) {
                regex.append(Pattern.quote(String.valueOf(like.charAt(++i))));
            } else if (c == '%') {
                regex.append(".*");
            } else if (c == '_') {
                regex.append('.');
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }

    private static String unquoted(String literal) {
        return literal.length() >= 2 ? literal.substring(1, literal.length() - 1) : literal;
    }

    private static String text(byte[] value) {
        return new String(value, StandardCharsets.UTF_8);
    }

    private static byte[] bytes(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}
