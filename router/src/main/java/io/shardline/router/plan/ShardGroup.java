package io.shardline.router.plan;

import io.shardline.router.algorithm.ShardingException;
import io.shardline.router.parse.TableNames;
import io.shardline.router.route.NodeRouter;
import io.shardline.router.route.ShardConditions;
import io.shardline.router.rule.DataNode;
import io.shardline.router.rule.SchemaRules;
import io.shardline.router.rule.TableRule;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The sharded tables one query block reads: the first one and the tables bound to it, which hold matching rows at
 * the same position (the same data source, the same index among its tables there). A block may also read
 * broadcast tables (a copy on every data source); any other table lives elsewhere and is refused, as is a sharded
 * table laid out independently.
 *
 * @param primary the first sharded table of the block
 * @param tables the block's sharded tables (lower-case logical names), the primary first, without repeats
 */
record ShardGroup(TableRule primary, List<String> tables) {

    /** The group of a block's tables; null when it reads no sharded table. */
    static ShardGroup of(TableNames names, SchemaRules rules) {
        List<String> sharded = new ArrayList<>();
        for (String each : names.tables()) {
            if (rules.table(each) != null) {
                sharded.add(each);
            }
        }
        if (sharded.isEmpty()) {
            return null;
        }
        String first = sharded.get(0);
        for (String each : names.tables()) {
            if (rules.table(each) == null && !rules.isBroadcast(each)) {
                throw new ShardingException("sharded table " + first + " is joined with " + each
                        + ", which is neither sharded alike nor broadcast: the rows to join live on different"
                        + " servers; make " + each + " a broadcast table or bind it to " + first);
            }
            if (rules.table(each) != null && !each.equals(first) && !rules.bindingGroupOf(first).contains(each)) {
                throw new ShardingException("sharded tables " + first + " and " + each + " are joined but"
                        + " not bound (binding-groups): their rows are laid out independently, so a join on the"
                        + " shards would miss pairs");
            }
        }
        return new ShardGroup(rules.table(first), List.copyOf(sharded));
    }

    /**
     * The primary's nodes that every bound table's own conditions allow too: bound tables hold matching rows at
     * the same position on the same data source, so {@code i.user_id = 7} narrows {@code t_order} as well.
     */
    List<DataNode> route(ShardConditions conditions, SchemaRules rules) {
        List<DataNode> result = new ArrayList<>(NodeRouter.route(primary, conditions));
        for (String each : tables.subList(1, tables.size())) {
            TableRule bound = rules.table(each);
            Set<String> allowed = new HashSet<>();
            for (DataNode node : NodeRouter.route(bound, conditions)) {
                allowed.add(node.dataSource() + "#" + bound.tablesOn(node.dataSource()).indexOf(node.table()));
            }
            result.removeIf(node -> !allowed.contains(node.dataSource() + "#" + position(node)));
        }
        return result;
    }

    /** The index of the primary's node among the primary's tables on its data source. */
    int position(DataNode node) {
        return primary.tablesOn(node.dataSource()).indexOf(node.table());
    }

    /** Puts each table of the group with its actual table at {@code position} on {@code dataSource}. */
    void actualTables(String dataSource, int position, SchemaRules rules, Map<String, String> into) {
        for (String each : tables) {
            into.put(each, rules.table(each).tablesOn(dataSource).get(position));
        }
    }
}
