package io.shardline.router.plan;

import io.shardline.router.algorithm.ShardingException;
import io.shardline.router.parse.ConditionExtractor;
import io.shardline.router.parse.QueryBlock;
import io.shardline.router.parse.QueryBlock.Kind;
import io.shardline.router.parse.QueryBlocks;
import io.shardline.router.rule.DataNode;
import io.shardline.router.rule.SchemaRules;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Places a statement that nests queries (subqueries, derived tables, WITH queries, UNION) and reads a sharded
 * table somewhere in it. The statement runs as written, only with actual table names, so it is exact only when
 * every query block, on every node it runs on, sees all the rows it would see on one server:
 *
 * <ul>
 *   <li>a block that reads no sharded table reads broadcast tables, the same on every node;</li>
 *   <li>a subquery correlated with a bound table of a block around it on every sharding column ({@link
 *       Correlations}) sees exactly the rows matching that block's row, which live on that row's node;</li>
 *   <li>any other block with sharded tables (an <em>anchor</em>) sees the rows its own WHERE allows, so it must be
 *       pinned by that WHERE to the node the statement runs on.</li>
 * </ul>
 *
 * So: when the statement's own block is the only anchor, it routes the statement as a statement without nested
 * queries would be routed, to any number of nodes (with the merge of a SELECT's rows); otherwise every anchor must
 * reach at most one node, all of them on one data source, and the statement runs there once. Anything else is
 * refused with what to change.
 */
final class NestedPlanner {
    private NestedPlanner() {}

    /**
     * @param tableCounts how many times the statement names each table anywhere ({@link
     *     io.shardline.router.parse.TableCounts})
     * @param values the statement's parameter values, in order
     * @throws ShardingException when the statement cannot be answered exactly
     */
    static Placement place(QueryBlocks query, Map<String, Integer> tableCounts, SchemaRules rules,
                           List<Object> values) {
        List<QueryBlock> blocks = query.blocks();
        checkNames(query, rules);
        checkEveryOccurrenceSeen(blocks, tableCounts, rules);
        ShardGroup[] groups = new ShardGroup[blocks.size()];
        for (int i = 0; i < blocks.size(); i++) {
            QueryBlock block = blocks.get(i);
            groups[i] = ShardGroup.of(block.tables(), rules);
            if (groups[i] != null) {
                ShardJoins.check(block.body(), block.tables(), rules);
            } else {
                onlyBroadcast(block, rules);
            }
        }
        int[] follows = Correlations.of(query, groups, rules);
        List<Integer> anchors = new ArrayList<>();
        for (int i = 0; i < blocks.size(); i++) {
            if (groups[i] != null && follows[i] < 0) {
                anchors.add(i);
            }
        }
        if (anchors.size() == 1 && anchors.get(0) == query.main()) {
            return everyNodeOfMain(blocks, query.main(), groups, follows, rules, values);
        }
        return oneNode(blocks, anchors, groups, follows, rules, values);
    }

    /**
     * The statement's own block routes it; the correlated subqueries follow it to each node, their tables at the
     * same position as the main block's.
     */
    private static Placement everyNodeOfMain(List<QueryBlock> blocks, int mainIndex, ShardGroup[] groups,
                                             int[] follows, SchemaRules rules, List<Object> values) {
        QueryBlock main = blocks.get(mainIndex);
        ShardGroup group = groups[mainIndex];
        List<DataNode> nodes = group.route(new ConditionExtractor(main.tables(), values).extract(main.where()), rules);
        if (nodes.isEmpty()) {
            // Conditions no row can meet: any one shard gives the empty answer, with its column definitions.
            nodes = List.of(group.primary().dataNodes().get(0));
        }
        List<Placement.NodeTables> result = new ArrayList<>(nodes.size());
        for (DataNode node : nodes) {
            int position = group.position(node);
            Map<String, String> actual = new LinkedHashMap<>();
            for (int i = 0; i < groups.length; i++) {
                if (groups[i] != null && (i == mainIndex || follows[i] >= 0)) {
                    groups[i].actualTables(node.dataSource(), position, rules, actual);
                }
            }
            result.add(new Placement.NodeTables(node.dataSource(), actual));
        }
        return new Placement(result, group.primary().logicalTable());
    }

    /** Every anchor pinned to at most one node, all on one data source: the statement runs there, once. */
    private static Placement oneNode(List<QueryBlock> blocks, List<Integer> anchors, ShardGroup[] groups,
                                     int[] follows, SchemaRules rules, List<Object> values) {
        List<List<DataNode>> routes = new ArrayList<>();
        for (int each : anchors) {
            QueryBlock block = blocks.get(each);
            routes.add(groups[each].route(new ConditionExtractor(block.tables(), values).extract(block.where()),
                    rules));
        }
        // The nested block is what the client should pin first; the statement's own block second.
        for (boolean main : new boolean[] {false, true}) {
            for (int k = 0; k < anchors.size(); k++) {
                int block = anchors.get(k);
                if ((blocks.get(block).kind() == Kind.MAIN) == main && routes.get(k).size() > 1) {
                    throw severalShards(blocks, anchors, block, groups, routes.get(k).size());
                }
            }
        }
        String dataSource = null;
        String firstTable = groups[anchors.get(0)].primary().logicalTable();
        for (int k = 0; k < anchors.size() && dataSource == null; k++) {
            if (!routes.get(k).isEmpty()) {
                dataSource = routes.get(k).get(0).dataSource();
                firstTable = groups[anchors.get(k)].primary().logicalTable();
            }
        }
        if (dataSource == null) {
            // no anchor's conditions can be met: no block sees a sharded row on any node, so any node will do
            dataSource = groups[anchors.get(0)].primary().dataNodes().get(0).dataSource();
        }
        int[] positions = new int[blocks.size()];
        for (int k = 0; k < anchors.size(); k++) {
            int block = anchors.get(k);
            List<DataNode> route = routes.get(k);
            if (!route.isEmpty() && !route.get(0).dataSource().equals(dataSource)) {
                throw new ShardingException("the query blocks of this statement read sharded tables on different"
                        + " data sources (" + firstTable + " on " + dataSource
                        + ", " + groups[block].primary().logicalTable() + " on " + route.get(0).dataSource() + "):"
                        + " Shardline runs a statement whose subqueries, derived tables, WITH queries or UNIONs read"
                        + " sharded tables only when all of them read one shard; run them as separate statements");
            }
            positions[block] = route.isEmpty() ? 0 : groups[block].position(route.get(0));
            if (groups[block].primary().tablesOn(dataSource).isEmpty()) {
                throw new ShardingException("sharded table " + groups[block].primary().logicalTable() + " has no"
                        + " table on data source " + dataSource + ", where the rest of this statement runs");
            }
        }
        Map<String, String> actual = new LinkedHashMap<>();
        for (int i = 0; i < blocks.size(); i++) {
            if (groups[i] == null) {
                continue;
            }
            if (follows[i] >= 0) {
                positions[i] = positions[follows[i]];
            }
            Map<String, String> tables = new LinkedHashMap<>();
            groups[i].actualTables(dataSource, positions[i], rules, tables);
            tables.forEach((logical, table) -> {
                String before = actual.putIfAbsent(logical, table);
                if (before != null && !before.equals(table)) {
                    throw new ShardingException("sharded table " + logical + " is read on two shards (" + before
                            + " and " + table + ") by different query blocks of this statement: Shardline names"
                            + " each sharded table once per statement, so it runs such a statement only when all"
                            + " its blocks read the same shard; run them as separate statements");
                }
            });
        }
        return new Placement(List.of(new Placement.NodeTables(dataSource, actual)),
                groups[anchors.get(0)].primary().logicalTable());
    }

    private static ShardingException severalShards(List<QueryBlock> blocks, List<Integer> anchors, int block,
                                                   ShardGroup[] groups, int shards) {
        String table = groups[block].primary().logicalTable();
        String columns = String.join(", ", groups[block].primary().shardingColumns());
        String fix = "; give " + table + "'s sharding column(s) " + columns + " with = or IN in the WHERE of each"
                + " query block so that all run on one shard, make each subquery on a bound table equate all the"
                + " sharding columns with the outer table's (i.user_id = o.user_id AND ...), or make the tables"
                + " broadcast";
        if (blocks.get(block).kind() == Kind.MAIN) {
            int other = anchors.get(anchors.get(0) == block ? 1 : 0);
            return new ShardingException("this statement reaches " + shards + " shards of " + table + " and "
                    + blocks.get(other).description() + " in it reads sharded table "
                    + groups[other].primary().logicalTable() + " without being correlated with it on every sharding"
                    + " column: each shard would answer it from its own rows only" + fix);
        }
        return new ShardingException(blocks.get(block).description() + " reads sharded table " + table + " on "
                + shards + " shards: each shard would answer it from its own rows only, and Shardline does not"
                + " combine subqueries, derived tables, WITH queries or UNIONs across shards" + fix);
    }

    /** A block without sharded tables runs on the statement's nodes: its tables must be there, broadcast. */
    private static void onlyBroadcast(QueryBlock block, SchemaRules rules) {
        for (String each : block.tables().tables()) {
            if (!rules.isBroadcast(each)) {
                throw new ShardingException(block.description() + " reads " + each + ", which is neither sharded"
                        + " nor broadcast, in a statement on sharded tables: " + each + " lives on the default data"
                        + " source only, not on the shards; make " + each + " a broadcast table");
            }
        }
    }

    /** WITH queries and derived tables must not be named like a sharded or broadcast table. */
    private static void checkNames(QueryBlocks query, SchemaRules rules) {
        for (String each : query.queryNames()) {
            if (rules.table(each) != null || rules.isBroadcast(each)) {
                throw new ShardingException("a WITH query or derived table of this statement is named " + each
                        + ", like a " + (rules.table(each) != null ? "sharded" : "broadcast") + " table; give it"
                        + " another name");
            }
        }
    }

    /** Refuses a sharded table named somewhere the walk over query blocks did not reach. */
    private static void checkEveryOccurrenceSeen(List<QueryBlock> blocks, Map<String, Integer> tableCounts,
                                                 SchemaRules rules) {
        tableCounts.forEach((table, count) -> {
            if (rules.table(table) == null) {
                return;
            }
            int seen = 0;
            for (QueryBlock block : blocks) {
                for (String each : block.tables().byQualifier().values()) {
                    seen += each.equals(table) ? 1 : 0;
                }
            }
            if (seen < count) {
                throw new ShardingException("sharded table " + table + " appears in a part of this statement"
                        + " Shardline does not route (only SELECT, UPDATE and DELETE with subqueries, derived tables,"
                        + " WITH queries and UNIONs are); query it in a plain FROM or JOIN");
            }
        });
    }
}
