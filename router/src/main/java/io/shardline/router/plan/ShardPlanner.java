package io.shardline.router.plan;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.shardline.router.algorithm.ShardingException;
import io.shardline.router.merge.MergeRewriter;
import io.shardline.router.parse.ConditionExtractor;
import io.shardline.router.parse.TableNames;
import io.shardline.router.rewrite.TableRenamer;
import io.shardline.router.route.NodeRouter;
import io.shardline.router.route.ShardConditions;
import io.shardline.router.rule.DataNode;
import io.shardline.router.rule.SchemaRules;
import io.shardline.router.rule.TableRule;
import io.shardline.router.sql.Digest;
import io.shardline.router.sql.Identifiers;
import io.shardline.router.sql.LexerOptions;
import io.shardline.router.sql.SqlLexer;
import io.shardline.router.sql.Tokens;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;
import net.sf.jsqlparser.JSQLParserException;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.delete.Delete;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.update.Update;
import net.sf.jsqlparser.util.TablesNamesFinder;

/**
 * Turns a statement on a sharded schema into the statements to run on the data nodes it reaches: the shape is
 * parsed, the WHERE conditions bound and routed on the (first) sharded table, and the client's own text gets
 * each node's actual tables. Whatever it cannot place exactly is refused with the reason, never approximated:
 * sharded tables in a subquery or UNION, joins of sharded tables that are not bound together, or with tables that
 * live elsewhere.
 *
 * <p>JSqlParser is slow (about a millisecond for a point select): each statement shape ({@link Digest}) is parsed
 * once and kept in a bounded cache, so statements that differ only in their values share the parse. Thread-safe;
 * one instance serves the whole proxy.
 */
public final class ShardPlanner {
    private final Cache<String, ParsedShape> shapes;

    /**
     * What a statement shape's parse says that does not depend on its values: the tree, its top-level tables by
     * qualifier, and every table it names anywhere (TablesNamesFinder walks the whole tree, which costs more than
     * routing itself).
     */
    private record ParsedShape(Statement statement, TableNames names, Set<String> allTables) {
        static ParsedShape of(Statement statement) {
            return new ParsedShape(statement, TableNames.of(statement),
                    Set.copyOf(new TablesNamesFinder<Void>().getTables(statement)));
        }
    }
    private final boolean allowFullTableWrites;

    /** A planner that refuses UPDATE and DELETE without WHERE on sharded tables. */
    public ShardPlanner(long maxShapes) {
        this(maxShapes, false);
    }

    /**
     * @param maxShapes how many parsed statement shapes to keep
     * @param allowFullTableWrites run UPDATE and DELETE without WHERE on every shard of a sharded table, rather
     *     than refuse them (the safety switch {@code sharding.allow-full-table-writes})
     */
    public ShardPlanner(long maxShapes, boolean allowFullTableWrites) {
        this.shapes = Caffeine.newBuilder().maximumSize(maxShapes).build();
        this.allowFullTableWrites = allowFullTableWrites;
    }

    /**
     * @param parameters a prepared statement's parameter values, in order (empty for a text statement)
     * @param keys fresh keys for a key column an INSERT leaves out
     * @throws ShardingException when the statement cannot be run exactly on the shards
     */
    public List<NodeStatement> plan(String sql, SchemaRules rules, LexerOptions options, List<Object> parameters,
                                    LongSupplier keys) {
        return route(sql, rules, options, parameters, keys).statements();
    }

    /**
     * As {@link #plan}, with how to merge the shards' rows when the statement is a SELECT that needs it.
     *
     * @throws ShardingException when the statement cannot be run exactly on the shards
     */
    public ShardPlan route(String sql, SchemaRules rules, LexerOptions options, List<Object> parameters,
                           LongSupplier keys) {
        return route(sql, rules, options, parameters, keys, table -> null);
    }

    /**
     * As above, knowing the columns of some tables, in order, for INSERTs without a column list.
     *
     * @param knownColumns a sharded table's columns (lower-case logical name), or null when not known; an INSERT
     *     without a column list into a table whose columns are not known throws {@link ColumnsNeeded}
     */
    public ShardPlan route(String sql, SchemaRules rules, LexerOptions options, List<Object> parameters,
                           LongSupplier keys, java.util.function.Function<String, List<String>> knownColumns) {
        return route(SqlLexer.tokenize(sql, options), rules, options, parameters, keys, knownColumns);
    }

    /** As above, for a statement already tokenized with {@code options} (its text is {@code tokens.source()}). */
    public ShardPlan route(Tokens tokens, SchemaRules rules, LexerOptions options, List<Object> parameters,
                           LongSupplier keys, java.util.function.Function<String, List<String>> knownColumns) {
        String sql = tokens.source();
        if (DdlPlanner.isDdl(tokens)) {
            return new ShardPlan(DdlPlanner.plan(sql, tokens, rules), null);
        }
        Digest digest = Digest.of(tokens, options);
        ParsedShape shape = parse(digest.shape(), sql);
        Statement statement = shape.statement();
        InsertStatement insert = InsertStatement.of(statement);
        if (insert != null) {
            return new ShardPlan(InsertPlanner.route(insert, tokens, options, rules, digest.values(parameters),
                    !parameters.isEmpty(), keys, knownColumns), null);
        }
        TableNames names = shape.names();
        List<String> sharded = shardedTables(statement, names, shape.allTables(), rules);
        if (sharded.isEmpty()) {
            boolean broadcastWrite = (statement instanceof Update || statement instanceof Delete)
                    && BroadcastWrites.changesCopies(statement, names, shape.allTables(), rules);
            return new ShardPlan(broadcastWrite ? BroadcastWrites.copies(tokens, rules)
                    : List.of(new NodeStatement(rules.defaultDataSource(), sql)), null);
        }
        if (nestedSelect(tokens, statement)) {
            throw new ShardingException("a subquery in a statement on sharded table " + sharded.get(0)
                    + " is not supported yet: each shard would answer it from its own rows only");
        }
        TableRule primary = rules.table(sharded.get(0));
        for (String each : names.tables()) {
            if (rules.table(each) == null && !rules.isBroadcast(each)) {
                throw new ShardingException("sharded table " + primary.logicalTable() + " is joined with " + each
                        + ", which is neither sharded alike nor broadcast: the rows to join live on different"
                        + " servers; make " + each + " a broadcast table or bind it to " + primary.logicalTable());
            }
            if (rules.table(each) != null && !each.equals(sharded.get(0))
                    && !rules.bindingGroupOf(sharded.get(0)).contains(each)) {
                throw new ShardingException("sharded tables " + sharded.get(0) + " and " + each + " are joined but"
                        + " not bound (binding-groups): their rows are laid out independently, so a join on the"
                        + " shards would miss pairs");
            }
        }
        checkWrite(statement, names, sharded, rules);
        ShardJoins.check(statement, names, rules);
        ShardConditions conditions = new ConditionExtractor(names, digest.values(parameters)).extract(where(statement));
        List<DataNode> nodes = boundRoute(primary, sharded, rules, conditions);
        if (nodes.isEmpty()) {
            // Conditions no row can meet (user_id = 1 AND user_id = 2): any one shard gives the empty answer,
            // with its column definitions, or the write of nothing.
            nodes = List.of(primary.dataNodes().get(0));
        }
        MergeRewriter.Rewrite merge = null;
        if (nodes.size() > 1 && statement instanceof PlainSelect select) {
            merge = MergeRewriter.of(tokens, select, primary.logicalTable());
        } else if (nodes.size() > 1) {
            String needs = MergeNeeds.of(tokens);
            if (needs != null) {
                throw new ShardingException("this statement on sharded table " + primary.logicalTable() + " reaches "
                        + nodes.size() + " shards and uses " + needs + ", which Shardline cannot apply across"
                        + " shards; give the sharding column(s) " + String.join(", ", primary.shardingColumns())
                        + " in WHERE (=, IN) so that it runs on one shard");
            }
        }
        Tokens shardText = merge == null ? tokens : SqlLexer.tokenize(merge.sql(), options);
        List<NodeStatement> result = new ArrayList<>();
        for (DataNode node : nodes) {
            int position = primary.tablesOn(node.dataSource()).indexOf(node.table());
            Map<String, String> actual = new LinkedHashMap<>();
            for (String each : sharded) {
                actual.put(each, rules.table(each).tablesOn(node.dataSource()).get(position));
            }
            result.add(new NodeStatement(node.dataSource(), TableRenamer.rename(shardText, actual,
                    rules.name().toLowerCase(Locale.ROOT), rules.actualDatabase(node.dataSource()))));
        }
        return new ShardPlan(result, merge == null ? null : merge.plan());
    }

    /**
     * Refuses an UPDATE that changes a sharding column (the row would belong on another shard), a write that
     * changes a broadcast table joined with the shards, and, unless the safety switch allows it, an UPDATE or
     * DELETE without WHERE, which would change every row on every shard.
     */
    private void checkWrite(Statement statement, TableNames names, List<String> sharded, SchemaRules rules) {
        if (statement instanceof Update update) {
            SetColumns.checkShardingColumns(update, names, sharded, rules);
        }
        BroadcastWrites.checkJoinedWithShards(statement, names, sharded, rules);
        if (!allowFullTableWrites && where(statement) == null && !(statement instanceof PlainSelect)) {
            throw new ShardingException((statement instanceof Update ? "UPDATE" : "DELETE") + " without WHERE on"
                    + " sharded table " + sharded.get(0) + " would change every row on every shard, which the"
                    + " safety switch refuses; add a WHERE (WHERE 1 = 1 to mean all rows), or set"
                    + " sharding.allow-full-table-writes: true");
        }
    }

    /**
     * The first table's nodes that every bound table's own conditions allow too: bound tables hold matching rows
     * at the same position on the same data source, so {@code i.user_id = 7} narrows {@code t_order} as well.
     */
    private static List<DataNode> boundRoute(TableRule primary, List<String> sharded, SchemaRules rules,
                                             ShardConditions conditions) {
        List<DataNode> result = new ArrayList<>(NodeRouter.route(primary, conditions));
        for (String each : sharded.subList(1, sharded.size())) {
            TableRule bound = rules.table(each);
            Set<String> allowed = new java.util.HashSet<>();
            for (DataNode node : NodeRouter.route(bound, conditions)) {
                allowed.add(node.dataSource() + "#" + bound.tablesOn(node.dataSource()).indexOf(node.table()));
            }
            result.removeIf(node -> !allowed.contains(node.dataSource() + "#"
                    + primary.tablesOn(node.dataSource()).indexOf(node.table())));
        }
        return result;
    }

    /** The parsed shape (cached; JSqlParser's trees are only read afterwards), else the statement's own text. */
    private ParsedShape parse(String shape, String sql) {
        ParsedShape cached = shapes.getIfPresent(shape);
        if (cached != null) {
            return cached;
        }
        try {
            ParsedShape parsed = ParsedShape.of(CCJSqlParserUtil.parse(shape));
            shapes.put(shape, parsed);
            return parsed;
        } catch (JSQLParserException shapeFailed) {
            try {
                return ParsedShape.of(CCJSqlParserUtil.parse(sql));
            } catch (JSQLParserException e) {
                throw new UnparsableStatement(firstLine(e.getMessage()));
            }
        }
    }

    private static String firstLine(String message) {
        return message == null ? "no reason given" : message.lines().findFirst().orElse(message);
    }

    /** The sharded tables the statement names at its top level; refuses those anywhere else. */
    private static List<String> shardedTables(Statement statement, TableNames names, Set<String> everywhere,
                                              SchemaRules rules) {
        for (String each : everywhere) {
            String table = Identifiers.lastPart(each);
            if (rules.table(table) != null && !names.tables().contains(table)) {
                throw new ShardingException("sharded table " + table + " appears in a subquery, UNION or statement"
                        + " kind Shardline does not route yet; query it at the top level of a SELECT, UPDATE or"
                        + " DELETE");
            }
        }
        if (!(statement instanceof PlainSelect || statement instanceof Update || statement instanceof Delete)
                && everywhere.stream().anyMatch(each -> rules.table(Identifiers.lastPart(each)) != null)) {
            throw new ShardingException("this kind of statement on a sharded table is not supported yet");
        }
        return names.tables().stream().filter(each -> rules.table(each) != null).toList();
    }

    /** Whether the text holds a SELECT inside the statement (a subquery or derived table). */
    private static boolean nestedSelect(Tokens tokens, Statement statement) {
        int selects = 0;
        for (int i = 0; i < tokens.size(); i++) {
            if (tokens.isWord(i, "SELECT")) {
                selects++;
            }
        }
        return selects > (statement instanceof PlainSelect ? 1 : 0);
    }

    private static Expression where(Statement statement) {
        if (statement instanceof PlainSelect select) {
            return select.getWhere();
        }
        if (statement instanceof Update update) {
            return update.getWhere();
        }
        return ((Delete) statement).getWhere();
    }
}
