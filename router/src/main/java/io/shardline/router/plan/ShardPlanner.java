package io.shardline.router.plan;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.shardline.router.algorithm.ShardingException;
import io.shardline.router.merge.MergeRewriter;
import io.shardline.router.parse.ConditionExtractor;
import io.shardline.router.parse.QueryBlocks;
import io.shardline.router.parse.TableCounts;
import io.shardline.router.parse.TableNames;
import io.shardline.router.rewrite.TableRenamer;
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

/**
 * Turns a statement on a sharded schema into the statements to run on the data nodes it reaches: the shape is
 * parsed, the WHERE conditions bound and routed on the (first) sharded table, and the client's own text gets
 * each node's actual tables. A statement that nests queries (subqueries, derived tables, WITH queries, UNION) is
 * placed over its query blocks ({@link NestedPlanner}): subqueries of broadcast tables and subqueries correlated
 * with a bound table on every sharding column follow the statement to any number of nodes; any other block
 * reading a sharded table must be pinned by its own WHERE to the one node the whole statement then runs on.
 * Whatever it cannot place exactly is refused with the reason, never approximated: a subquery, derived table,
 * WITH query or UNION that would read a sharded table on several shards, joins of sharded tables that are not
 * bound together or not on all their sharding columns, tables that live elsewhere, INSERT ... SELECT of sharded
 * rows, an outer join repeating broadcast rows on every shard.
 *
 * <p>JSqlParser is slow (about a millisecond for a point select): each statement shape ({@link Digest}) is parsed
 * once and kept in a bounded cache, so statements that differ only in their values share the parse. Thread-safe;
 * one instance serves the whole proxy.
 */
public final class ShardPlanner {
    private final Cache<String, ParsedShape> shapes;

    /**
     * What a statement shape's parse says that does not depend on its values: the tree, its top-level tables by
     * qualifier, how many times it names each table anywhere (TablesNamesFinder walks the whole tree, which costs
     * more than routing itself), and its query blocks when it nests queries; for a flat statement, also its route
     * under the rules it was last planned with.
     */
    private static final class ParsedShape {
        private final Statement statement;
        private final TableNames names;
        private final Map<String, Integer> tableCounts;
        private final QueryBlocks blocks;
        /** Null until planned once; replaced when the rules (or the safety switch) differ. */
        private volatile FlatRoute flatRoute;

        private ParsedShape(Statement statement) {
            this.statement = statement;
            this.names = TableNames.of(statement);
            this.tableCounts = TableCounts.of(statement);
            this.blocks = QueryBlocks.of(statement);
        }

        boolean namesSharded(SchemaRules rules) {
            for (String each : tableCounts.keySet()) {
                if (rules.table(each) != null) {
                    return true;
                }
            }
            return false;
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
        // recordStats: Caffeine counts hits and misses in striped counters, cheap enough for every lookup.
        this(Caffeine.newBuilder().maximumSize(maxShapes).recordStats().build(), allowFullTableWrites);
    }

    private ShardPlanner(Cache<String, ParsedShape> shapes, boolean allowFullTableWrites) {
        this.shapes = shapes;
        this.allowFullTableWrites = allowFullTableWrites;
    }

    /**
     * A planner with the other safety switch that shares this one's parsed shapes (they do not depend on rules),
     * so a rules change neither re-parses every shape nor restarts the cache's counts.
     */
    public ShardPlanner withFullTableWrites(boolean allow) {
        return allow == allowFullTableWrites ? this : new ShardPlanner(shapes, allow);
    }

    /** Lookups of a statement's shape that found it parsed already (for the proxy's metrics). */
    public long cacheHits() {
        return shapes.stats().hitCount();
    }

    /** Lookups that had to parse the shape with JSqlParser (including shapes it cannot parse). */
    public long cacheMisses() {
        return shapes.stats().missCount();
    }

    /** Parsed shapes kept now (approximate). */
    public long cachedShapes() {
        return shapes.estimatedSize();
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
        return route(tokens, Digest.of(tokens, options), rules, options, parameters, keys, knownColumns);
    }

    /**
     * As above, with the statement's digest made already ({@code Digest.of(tokens, options)}): a prepared
     * statement's text, and so its digest, is the same at every execution; only its parameters differ.
     */
    public ShardPlan route(Tokens tokens, Digest digest, SchemaRules rules, LexerOptions options,
                           List<Object> parameters, LongSupplier keys,
                           java.util.function.Function<String, List<String>> knownColumns) {
        String sql = tokens.source();
        if (DdlPlanner.isDdl(tokens)) {
            return new ShardPlan(DdlPlanner.plan(sql, tokens, rules), null);
        }
        ParsedShape shape = parse(digest.shape(), sql);
        Statement statement = shape.statement;
        List<Object> values = digest.values(parameters);
        InsertStatement insert = InsertStatement.of(statement);
        if (insert != null) {
            refuseReadingShards(insert, shape, rules);
            return new ShardPlan(InsertPlanner.route(insert, tokens, options, rules, values, !parameters.isEmpty(),
                    keys, knownColumns), null);
        }
        if (nestedSelect(tokens, statement) && shape.namesSharded(rules)) {
            return nested(tokens, options, shape, rules, values);
        }
        return flat(tokens, options, shape, rules, values);
    }

    /**
     * A SELECT, UPDATE or DELETE that nests no query (the common case, kept short), or names no sharded table
     * anywhere: routed by the conditions on its sharded tables; without any, on the default data source, or
     * everywhere for a broadcast write.
     */
    private ShardPlan flat(Tokens tokens, LexerOptions options, ParsedShape shape, SchemaRules rules,
                           List<Object> values) {
        FlatRoute route = flatRoute(shape, rules, values.size());
        ShardGroup group = route.group();
        if (group == null) {
            return new ShardPlan(route.broadcastWrite() ? BroadcastWrites.copies(tokens, rules)
                    : List.of(new NodeStatement(rules.defaultDataSource(), tokens.source())), null);
        }
        DataNode point = route.pointFor(values);
        if (point != null) {
            return new ShardPlan(List.of(new NodeStatement(point.dataSource(), route.textOn(point, tokens))), null);
        }
        ShardConditions conditions = new ConditionExtractor(shape.names, values).extract(route.where());
        List<DataNode> nodes = group.route(conditions, rules);
        if (nodes.isEmpty()) {
            // Conditions no row can meet (user_id = 1 AND user_id = 2): any one shard gives the empty answer,
            // with its column definitions, or the write of nothing.
            nodes = List.of(group.primary().dataNodes().get(0));
        }
        if (nodes.size() == 1) {
            DataNode only = nodes.get(0);
            return new ShardPlan(List.of(new NodeStatement(only.dataSource(), route.textOn(only, tokens))), null);
        }
        return statements(tokens, options, shape.statement,
                new Placement(route.tablesOn(nodes), group.primary().logicalTable()), rules);
    }

    /**
     * The value-independent part of routing a flat statement under {@code rules}: its sharded tables, their group,
     * the checks its shape must pass and its point route, worked out on the shape's first statement and kept with
     * the shape ({@code valueCount}: how many values its shape has). A shape that fails a check is not kept, so
     * each of its statements is refused again with the reason.
     */
    private FlatRoute flatRoute(ParsedShape shape, SchemaRules rules, int valueCount) {
        FlatRoute known = shape.flatRoute;
        if (known != null && known.fits(rules, allowFullTableWrites)) {
            return known;
        }
        Statement statement = shape.statement;
        TableNames names = shape.names;
        List<String> sharded = shardedTables(statement, names, shape.tableCounts.keySet(), rules);
        FlatRoute made;
        if (sharded.isEmpty()) {
            boolean broadcastWrite = (statement instanceof Update || statement instanceof Delete)
                    && BroadcastWrites.changesCopies(statement, names, shape.tableCounts.keySet(), rules);
            made = new FlatRoute(rules, allowFullTableWrites, null, broadcastWrite, null, null);
        } else {
            ShardGroup group = ShardGroup.of(names, rules);
            WriteChecks.check(statement, names, sharded, rules, allowFullTableWrites);
            ShardJoins.check(statement, names, rules);
            Expression where = where(statement);
            made = new FlatRoute(rules, allowFullTableWrites, group, false, where,
                    PointRoute.of(group, names, where, valueCount));
        }
        shape.flatRoute = made;
        return made;
    }

    /**
     * A statement nesting queries (subqueries, derived tables, WITH queries, UNION) that names a sharded table:
     * placed by {@link NestedPlanner} over its query blocks. A write must name its sharded table in its own
     * UPDATE or DELETE: a write of other tables reading sharded rows would need those rows on every copy.
     */
    private ShardPlan nested(Tokens tokens, LexerOptions options, ParsedShape shape, SchemaRules rules,
                             List<Object> values) {
        Statement statement = shape.statement;
        if (statement instanceof Update || statement instanceof Delete) {
            List<String> targets = new ArrayList<>();
            QueryBlocks blocks = shape.blocks;
            for (String each : blocks.blocks().get(blocks.main()).tables().tables()) {
                if (rules.table(each) != null) {
                    targets.add(each);
                }
            }
            if (targets.isEmpty()) {
                throw new ShardingException("this " + (statement instanceof Update ? "UPDATE" : "DELETE")
                        + " writes tables that are not sharded and reads sharded tables in a subquery: the rows it"
                        + " reads live on one shard each, while the tables it writes live elsewhere (a broadcast"
                        + " table on every data source); read the values first, then write them");
            }
            WriteChecks.check(statement, blocks.blocks().get(blocks.main()).tables(), targets, rules,
                    allowFullTableWrites);
        }
        Placement placement = NestedPlanner.place(shape.blocks, shape.tableCounts, rules, values);
        return statements(tokens, options, statement, placement, rules);
    }

    /**
     * The statement for each placed node: the client's text with the node's actual tables, and, for a SELECT on
     * several nodes, rewritten for the merge of their rows. An UPDATE or DELETE on several nodes must not need
     * one (ORDER BY, LIMIT).
     */
    private static ShardPlan statements(Tokens tokens, LexerOptions options, Statement statement,
                                        Placement placement, SchemaRules rules) {
        List<Placement.NodeTables> nodes = placement.nodes();
        MergeRewriter.Rewrite merge = null;
        if (nodes.size() > 1 && statement instanceof PlainSelect select) {
            OuterJoins.check(select, rules);
            merge = MergeRewriter.of(tokens, select, placement.table());
        } else if (nodes.size() > 1) {
            String needs = MergeNeeds.of(tokens);
            if (needs != null) {
                throw new ShardingException("this statement on sharded table " + placement.table() + " reaches "
                        + nodes.size() + " shards and uses " + needs + ", which Shardline cannot apply across"
                        + " shards; give the sharding column(s) "
                        + String.join(", ", rules.table(placement.table()).shardingColumns())
                        + " in WHERE (=, IN) so that it runs on one shard");
            }
        }
        Tokens shardText = merge == null ? tokens : SqlLexer.tokenize(merge.sql(), options);
        String schema = rules.name().toLowerCase(Locale.ROOT);
        List<NodeStatement> result = new ArrayList<>(nodes.size());
        for (Placement.NodeTables node : nodes) {
            result.add(new NodeStatement(node.dataSource(), TableRenamer.rename(shardText, node.actualByLogical(),
                    schema, rules.actualDatabase(node.dataSource()))));
        }
        return new ShardPlan(result, merge == null ? null : merge.plan());
    }

    /**
     * Refuses an INSERT or REPLACE that reads sharded tables (INSERT ... SELECT, a subquery among its values):
     * the rows read and the rows written would have to live on the same node, which Shardline does not prove.
     */
    private static void refuseReadingShards(InsertStatement insert, ParsedShape shape, SchemaRules rules) {
        String table = Identifiers.plain(insert.table().getName());
        shape.tableCounts.forEach((each, count) -> {
            if (rules.table(each) != null && (!each.equals(table) || count > 1)) {
                throw new ShardingException((insert.keyword().equals("INSERT") ? "an " : "a ") + insert.keyword()
                        + " that reads sharded table " + each + " ("
                        + insert.keyword() + " ... SELECT, or a subquery among its values) is not supported: the"
                        + " rows it reads and the rows it writes would have to live on the same shard; read the rows"
                        + " first, then write them");
            }
        });
    }

    /** The parsed shape (cached; JSqlParser's trees are only read afterwards), else the statement's own text. */
    private ParsedShape parse(String shape, String sql) {
        ParsedShape cached = shapes.getIfPresent(shape);
        if (cached != null) {
            return cached;
        }
        try {
            ParsedShape parsed = new ParsedShape(CCJSqlParserUtil.parse(shape));
            shapes.put(shape, parsed);
            return parsed;
        } catch (JSQLParserException shapeFailed) {
            try {
                return new ParsedShape(CCJSqlParserUtil.parse(sql));
            } catch (JSQLParserException e) {
                throw new UnparsableStatement(firstLine(e.getMessage()));
            }
        }
    }

    private static String firstLine(String message) {
        return message == null ? "no reason given" : message.lines().findFirst().orElse(message);
    }

    /**
     * The sharded tables a statement without nested queries names at its top level; refuses those anywhere else.
     *
     * @param everywhere every table the statement names (lower case, without schema)
     */
    private static List<String> shardedTables(Statement statement, TableNames names, Set<String> everywhere,
                                              SchemaRules rules) {
        for (String table : everywhere) {
            if (rules.table(table) != null && !names.tables().contains(table)) {
                throw new ShardingException("sharded table " + table + " appears in a subquery, UNION or statement"
                        + " kind Shardline does not route yet; query it at the top level of a SELECT, UPDATE or"
                        + " DELETE");
            }
        }
        if (!(statement instanceof PlainSelect || statement instanceof Update || statement instanceof Delete)
                && everywhere.stream().anyMatch(each -> rules.table(each) != null)) {
            throw new ShardingException("this kind of statement on a sharded table is not supported yet");
        }
        return names.tables().stream().filter(each -> rules.table(each) != null).toList();
    }

    /**
     * Whether the text holds a SELECT inside the statement (a subquery, derived table, WITH query, UNION): such
     * statements are placed over their query blocks; the others take the short way.
     */
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
        return statement instanceof Update update ? update.getWhere() : ((Delete) statement).getWhere();
    }
}
