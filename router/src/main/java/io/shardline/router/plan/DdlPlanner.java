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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * DDL on a sharded schema: CREATE / ALTER / DROP / TRUNCATE TABLE and CREATE / DROP INDEX on a sharded table run on
 * every actual table of it; on a broadcast table, on every data source; anything else on the default data source.
 * A statement naming a sharded table together with other tables (DROP TABLE a, b; RENAME TABLE) is refused: its
 * parts would have to run on different nodes as one.
 */
final class DdlPlanner {
    private static final Set<String> DDL = Set.of("CREATE", "ALTER", "DROP", "TRUNCATE", "RENAME");
    private static final Set<String> TABLE_WORDS = Set.of("TABLE", "TABLES", "ON", "LIKE", "TO");

    private DdlPlanner() {}

    /** Whether the text starts with a DDL keyword. */
    static boolean isDdl(Tokens tokens) {
        String first = tokens.upperWord(0);
        return first != null && DDL.contains(first);
    }

    static List<NodeStatement> plan(String sql, Tokens tokens, SchemaRules rules) {
        Set<String> named = namedTables(tokens);
        Set<String> sharded = new LinkedHashSet<>();
        boolean broadcast = false;
        for (String each : named) {
            if (rules.table(each) != null) {
                sharded.add(each);
            }
            broadcast |= rules.isBroadcast(each);
        }
        if (sharded.isEmpty()) {
            if (!broadcast) {
                return List.of(new NodeStatement(rules.defaultDataSource(), sql));
            }
            return ShardPlanner.everywhere(sql, rules);
        }
        if (named.size() > 1 || tokens.isWord(0, "RENAME")) {
            throw new ShardingException("this DDL names sharded table " + sharded.iterator().next() + " together"
                    + " with " + (named.size() > 1 ? "other tables " + named : "a new name") + "; run one statement"
                    + " per table (renaming a sharded table means changing its rules)");
        }
        TableRule rule = rules.table(sharded.iterator().next());
        List<NodeStatement> result = new ArrayList<>();
        for (DataNode node : rule.dataNodes()) {
            result.add(new NodeStatement(node.dataSource(), TableRenamer.rename(tokens,
                    Map.of(rule.logicalTable().toLowerCase(Locale.ROOT), node.table()),
                    rules.name().toLowerCase(Locale.ROOT), rules.actualDatabase(node.dataSource()))));
        }
        return result;
    }

    /**
     * The tables a DDL statement names: the name after TABLE, TABLES, ON, LIKE or TO ({@code IF [NOT] EXISTS}
     * skipped), and the further names of a comma-separated list ({@code DROP TABLE a, b}).
     */
    private static Set<String> namedTables(Tokens tokens) {
        Set<String> result = new LinkedHashSet<>();
        boolean expect = false;
        boolean inList = false;
        for (int i = 1; i < tokens.size(); i++) {
            TokenType type = tokens.type(i);
            String word = tokens.upperWord(i);
            if (expect && word != null && Set.of("IF", "NOT", "EXISTS").contains(word)) {
                continue;
            }
            boolean identifier = type == TokenType.WORD || type == TokenType.QUOTED_IDENT;
            if (expect && identifier) {
                int name = tokens.type(i + 1) == TokenType.DOT ? i + 2 : i; // schema.table
                result.add(Identifiers.plain(tokens.text(name)));
                i = name;
                expect = false;
                inList = true;
            } else if (inList && type == TokenType.COMMA) {
                expect = true;
            } else {
                inList = false;
                expect = word != null && type == TokenType.WORD && TABLE_WORDS.contains(word);
            }
        }
        return result;
    }
}
