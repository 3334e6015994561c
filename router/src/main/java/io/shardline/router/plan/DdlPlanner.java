package io.shardline.router.plan;

import io.shardline.router.algorithm.ShardingException;
import io.shardline.router.rewrite.TableRenamer;
import io.shardline.router.rule.DataNode;
import io.shardline.router.rule.SchemaRules;
import io.shardline.router.rule.TableRule;
import io.shardline.router.sql.Identifiers;
import io.shardline.router.sql.TokenType;
import io.shardline.router.sql.Tokens;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * DDL on a sharded schema: CREATE / ALTER / DROP / TRUNCATE TABLE and CREATE / DROP INDEX on a sharded table run on
 * every actual table of it; on a broadcast table, on every data source; anything else on the default data source.
 * A statement naming a sharded table together with other tables (DROP TABLE a, b; RENAME TABLE) is refused: its
 * parts would have to run on different nodes as one. A FOREIGN KEY must find the rows it refers to next to each
 * copy or shard: a sharded table may reference itself, a table bound to it or a broadcast table.
 */
final class DdlPlanner {
    private static final Set<String> DDL = Set.of("CREATE", "ALTER", "DROP", "TRUNCATE", "RENAME");

    private DdlPlanner() {}

    /** Whether the text starts with a DDL keyword. */
    static boolean isDdl(Tokens tokens) {
        String first = tokens.upperWord(0);
        return first != null && DDL.contains(first);
    }

    static List<NodeStatement> plan(String sql, Tokens tokens, SchemaRules rules) {
        Named named = Named.of(tokens);
        Set<String> sharded = new LinkedHashSet<>();
        boolean broadcast = false;
        for (String each : named.tables()) {
            if (rules.table(each) != null) {
                sharded.add(each);
            }
            broadcast |= rules.isBroadcast(each);
        }
        if (sharded.isEmpty()) {
            checkReferences(named, broadcast, rules);
            if (!broadcast) {
                return List.of(new NodeStatement(rules.defaultDataSource(), sql));
            }
            return BroadcastWrites.copies(tokens, rules);
        }
        if (named.tables().size() > 1 || tokens.isWord(0, "RENAME")) {
            throw new ShardingException("this DDL names sharded table " + sharded.iterator().next() + " together"
                    + " with " + (named.tables().size() > 1 ? "other tables " + named.tables() : "a new name")
                    + "; run one statement per table (renaming a sharded table means changing its rules)");
        }
        TableRule rule = rules.table(sharded.iterator().next());
        List<String> alike = referencesAlike(rule, named.referenced(), rules);
        List<NodeStatement> result = new ArrayList<>();
        for (DataNode node : rule.dataNodes()) {
            int position = rule.tablesOn(node.dataSource()).indexOf(node.table());
            Map<String, String> actual = new HashMap<>();
            for (String each : alike) {
                actual.put(each, rules.table(each).tablesOn(node.dataSource()).get(position));
            }
            actual.put(rule.logicalTable().toLowerCase(Locale.ROOT), node.table());
            result.add(new NodeStatement(node.dataSource(), TableRenamer.rename(tokens, actual,
                    rules.name().toLowerCase(Locale.ROOT), rules.actualDatabase(node.dataSource()))));
        }
        return result;
    }

    /**
     * The tables a sharded table's FOREIGN KEYs reference that are bound to it, which each actual table then
     * references at its own position (matching rows of bound tables share a node). A broadcast table is on every
     * data source under its own name. Any other reference is refused, the table itself included (a row's parent
     * may live on another shard): the rows it refers to are not all next to each shard.
     */
    private static List<String> referencesAlike(TableRule rule, Set<String> referenced, SchemaRules rules) {
        String table = rule.logicalTable().toLowerCase(Locale.ROOT);
        List<String> result = new ArrayList<>();
        for (String each : referenced) {
            if (each.equals(table)) {
                throw new ShardingException("a FOREIGN KEY of sharded table " + table + " references " + table
                        + " itself: a row and the row it refers to may live on different shards; leave the foreign"
                        + " key out");
            }
            if (rules.table(each) != null && rules.bindingGroupOf(table).contains(each)) {
                result.add(each);
            } else if (!rules.isBroadcast(each)) {
                throw new ShardingException("a FOREIGN KEY of sharded table " + table + " references " + each
                        + ", which is neither broadcast nor bound to " + table + ": the rows it refers to are not"
                        + " on every shard. Make " + each + " a broadcast table or bind it to " + table
                        + ", or leave the foreign key out");
            }
        }
        return result;
    }

    /** A FOREIGN KEY of a table that is not sharded must find every row it refers to where the table lives. */
    private static void checkReferences(Named named, boolean broadcast, SchemaRules rules) {
        for (String each : named.referenced()) {
            if (rules.table(each) != null) {
                throw new ShardingException("a FOREIGN KEY references sharded table " + each + ", whose rows are"
                        + " spread over its shards: no one server holds the rows it refers to; leave the foreign"
                        + " key out");
            }
            if (broadcast && !rules.isBroadcast(each)) {
                throw new ShardingException("a FOREIGN KEY of a broadcast table references " + each + ", which lives"
                        + " on the default data source " + rules.defaultDataSource() + " only: the copies on the"
                        + " other data sources cannot refer to it. Make " + each + " a broadcast table, or leave"
                        + " the foreign key out");
            }
        }
    }

    /**
     * The tables a DDL statement names, in order: the name after TABLE, TABLES or LIKE ({@code IF [NOT] EXISTS}
     * skipped), after TRUNCATE without TABLE, after ON in CREATE / DROP INDEX, after TO in RENAME TABLE and after
     * ALTER TABLE's RENAME [TO | AS], and the further names of a comma-separated list ({@code DROP TABLE a, b});
     * apart, the tables a FOREIGN KEY REFERENCES. ON elsewhere ({@code ON UPDATE CURRENT_TIMESTAMP},
     * {@code ON DELETE CASCADE}) and TO of RENAME COLUMN / INDEX name no table.
     */
    private record Named(Set<String> tables, Set<String> referenced) {
        private static final Set<String> NOT_RENAMED_TABLE = Set.of("COLUMN", "INDEX", "KEY", "CONSTRAINT", "TO",
                "AS");

        static Named of(Tokens tokens) {
            Set<String> tables = new LinkedHashSet<>();
            Set<String> referenced = new LinkedHashSet<>();
            boolean index = indexStatement(tokens);
            boolean rename = tokens.isWord(0, "RENAME");
            boolean expect = tokens.isWord(0, "TRUNCATE") && !tokens.isWord(1, "TABLE");
            boolean reference = false;
            boolean inList = false;
            int depth = 0;
            for (int i = 1; i < tokens.size(); i++) {
                TokenType type = tokens.type(i);
                String word = type == TokenType.WORD ? tokens.upperWord(i) : null;
                depth += type == TokenType.LPAREN ? 1 : type == TokenType.RPAREN ? -1 : 0;
                if (expect && word != null && Set.of("IF", "NOT", "EXISTS").contains(word)) {
                    continue;
                }
                boolean identifier = type == TokenType.WORD || type == TokenType.QUOTED_IDENT;
                if ((expect || reference) && identifier) {
                    int name = tokens.type(i + 1) == TokenType.DOT ? i + 2 : i; // schema.table
                    (reference ? referenced : tables).add(Identifiers.plain(tokens.text(name)));
                    i = name;
                    inList = expect;
                    expect = false;
                    reference = false;
                } else if (inList && type == TokenType.COMMA) {
                    expect = true;
                } else {
                    inList = false;
                    reference = "REFERENCES".equals(word);
                    expect = word != null && switch (word) {
                        case "TABLE", "TABLES", "LIKE" -> true;
                        case "ON" -> index && depth == 0;
                        case "TO" -> rename || tokens.isWord(i - 1, "RENAME");
                        case "AS" -> tokens.isWord(i - 1, "RENAME");
                        case "RENAME" -> !rename && !NOT_RENAMED_TABLE.contains(upper(tokens, i + 1));
                        default -> false;
                    };
                }
            }
            return new Named(tables, referenced);
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
}
