package io.shardline.proxy.config;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad 'sharding:' sections: each problem at its file:line, saying what to write instead, all in one go. */
class ShardingConfigErrorsTest {
    private static final String ORDER_TABLE_STRATEGY = "table-strategy: { columns: order_id, algorithm: mod, count: 4 }\n"
            + "          key-generator";

    @TempDir
    Path dir;

    /** The documented example with the first {@code from} replaced by {@code to}, which must be refused. */
    private ConfigFiles.Refused refused(String from, String to) {
        if (!ConfigFiles.SHARDED.contains(from)) {
            throw new AssertionError("not in the example: " + from);
        }
        return new ConfigFiles(dir).refused(ConfigFiles.SHARDED.replaceFirst(Pattern.quote(from),
                Matcher.quoteReplacement(to)));
    }

    @Test
    void unknownAlgorithm() {
        refused(ORDER_TABLE_STRATEGY, ORDER_TABLE_STRATEGY.replace("mod", "modulo"))
                .has(23, "sharding.schemas.shop.tables.t_order.table-strategy: unknown sharding algorithm 'modulo'",
                        "use one of [mod, hash-mod, range, interval, inline, complex]")
                .count(1);
    }

    @Test
    void missingCount() {
        refused(ORDER_TABLE_STRATEGY, ORDER_TABLE_STRATEGY.replace(", count: 4", ""))
                .has(23, "sharding.schemas.shop.tables.t_order.table-strategy: mod needs count: the number of shards")
                .count(1);
    }

    @Test
    void missingColumnsAndAlgorithm() {
        refused(ORDER_TABLE_STRATEGY, ORDER_TABLE_STRATEGY.replace("columns: order_id, algorithm: mod, ", ""))
                .has(23, "table-strategy.columns is required", "e.g. columns: user_id")
                .has(23, "table-strategy.algorithm is required", "one of [mod, hash-mod")
                .count(2);
    }

    @Test
    void aSettingTheAlgorithmDoesNotRead() {
        refused("algorithm: mod, count: 4 }\n          key-generator",
                "algorithm: mod, count: 4, expression: 't_${order_id}' }\n          key-generator")
                .has(23, "table-strategy.expression does not apply to algorithm mod, which reads count; remove it")
                .count(1);
    }

    @Test
    void badDataNodeExpression() {
        refused("ds_${0..1}.t_order_${0..3}", "ds_${0..1.t_order")
                .has(21, "sharding.schemas.shop.tables.t_order.data-nodes: data node expression 'ds_${0..1.t_order'",
                        "expected '}' at column 10 to close the '${' at column 4")
                .count(1);
    }

    @Test
    void unknownDataSourceInDataNodes() {
        refused("ds_${0..1}.t_order_${0..3}", "ds_${0..3}.t_order_${0..3}")
                .has(21, "t_order.data-nodes: data sources ds_2, ds_3 are not defined under datasources;"
                        + " defined: ds_0, ds_1 (define them there or name a defined one)")
                .count(1);
    }

    @Test
    void unknownDataSourceAsDefaultAndInActualDatabases() {
        new ConfigFiles(dir).refused(ConfigFiles.SHARDED.replace("default-datasource: ds_0", "default-datasource: ds0")
                        .replace("{ ds_1: shop_1 }", "{ ds_9: shop_9 }"))
                .has(17, "sharding.schemas.shop.default-datasource: data source ds0 is not defined under datasources;"
                        + " defined: ds_0, ds_1")
                .has(18, "sharding.schemas.shop.actual-databases.ds_9: data source ds_9 is not defined")
                .count(2);
    }

    @Test
    void missingDefaultDatasource() {
        refused("      default-datasource: ds_0\n", "")
                .has(17, "sharding.schemas.shop.default-datasource is required", "neither sharded nor broadcast")
                .count(1);
    }

    @Test
    void bindingGroupNamingAnUnshardedTable() {
        refused("- [t_order, t_order_item]", "- [t_order, t_user]")
                .has(30, "sharding.schemas.shop.binding-groups: binding group [t_order, t_user] names t_user, which is"
                        + " not a sharded table; bind only tables under tables: (t_order, t_order_item)")
                .count(1);
    }

    @Test
    void bindingGroupsOfOneTableOrOverlapping() {
        refused("- [t_order, t_order_item]", "- [t_order]\n        - [T_ORDER, t_order_item]")
                .has(30, "a binding group is a list of two or more sharded tables", "got [t_order]")
                .has(31, "t_order is in two binding groups; merge them into one")
                .count(2);
    }

    @Test
    void bindingGroupWrittenAsText() {
        refused("- [t_order, t_order_item]", "- t_order, t_order_item")
                .has(30, "binding-groups: each binding group is a list of tables, written - [t_order, t_order_item],"
                        + " not 't_order, t_order_item'")
                .count(1);
    }

    @Test
    void bindingTablesNotLaidOutAlike() {
        refused("ds_${0..1}.t_order_item_${0..3}", "ds_0.t_order_item_${0..3}, ds_1.t_order_item_${0..4}")
                .has(16, "sharding.schemas.shop: schema shop: binding group", "not laid out alike")
                .count(1);
    }

    @Test
    void tableBothShardedAndBroadcast() {
        refused("broadcast-tables: [t_dict]", "broadcast-tables: [t_dict, T_Order]")
                .has(31, "sharding.schemas.shop.broadcast-tables: T_Order is both sharded (under tables:) and"
                        + " broadcast", "remove it from one of them")
                .count(1);
    }

    @Test
    void unknownKeyUnderATable() {
        refused("key-generator: { column: order_id }", "key-generator: { column: order_id }\n          shards: 8")
                .has(25, "unknown setting 'sharding.schemas.shop.tables.t_order.shards'", "known here:",
                        "data-nodes", "table-strategy")
                .count(1);
    }

    @Test
    void unknownKeysElsewhereInTheSection() {
        refused("  schemas:", "  schema:")
                .has(11, "sharding has no schemas", "conf/sharding-demo.yaml")
                .has(15, "unknown setting 'sharding.schema'", "schemas")
                .count(2);
        refused("      broadcast-tables:", "      broadcast:")
                .has(31, "unknown setting 'sharding.schemas.shop.broadcast'", "broadcast-tables")
                .count(1);
        new ConfigFiles(dir).refused(ConfigFiles.SHARDED.replace("sharding:", "shardng:"))
                .has(11, "unknown setting 'shardng'", "sharding");
    }

    @Test
    void workerIdOutOfRange() {
        refused("worker-id: 1", "worker-id: 1024")
                .has(13, "sharding.key-generator.worker-id is 1024; use a value from 0 to 1023")
                .count(1);
    }

    @Test
    void badKeyGenerators() {
        refused("key-generator: { column: order_id }", "key-generator: { column: ' ', type: uuid }")
                .has(24, "t_order.key-generator.column is required", "e.g. column: order_id")
                .has(24, "t_order.key-generator.type 'uuid' is not a key generator",
                        "write type: snowflake or leave type out")
                .count(2);
        refused("max-clock-rollback: 10ms", "max-clock-rollback: 10 sec")
                .has(14, "sharding.key-generator.max-clock-rollback: unknown duration unit 'sec'");
    }

    @Test
    void aStrategyMissingWhereThereAreSeveralChoices() {
        refused("\n          table-strategy: { columns: order_id, algorithm: mod, count: 4 }\n      binding",
                "\n      binding")
                .has(25, "sharding.schemas.shop.tables.t_order_item: table t_order_item has tables", "but no table"
                        + " strategy to choose between them")
                .count(1);
    }

    @Test
    void everyProblemIsReportedInOneGo() {
        new ConfigFiles(dir).refused(ConfigFiles.SHARDED.replace("worker-id: 1", "worker-id: -1")
                        .replace("ds_${0..1}.t_order_${0..3}", "ds_${0..1}.t_order_${3..0}")
                        .replace("algorithm: mod, count: 4 }\n      binding", "algorithm: mod }\n      binding")
                        .replace("[t_dict]", "[t_dict, t_order_item]"))
                .has(13, "worker-id is -1")
                .has(21, "t_order.data-nodes")
                .has(28, "t_order_item.table-strategy: mod needs count")
                .has(31, "t_order_item is both sharded")
                .count(4);
    }
}
