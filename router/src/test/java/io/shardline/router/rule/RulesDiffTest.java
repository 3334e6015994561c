package io.shardline.router.rule;

import static org.assertj.core.api.Assertions.assertThat;

import io.shardline.router.algorithm.AlgorithmSpec;
import io.shardline.router.algorithm.Algorithms;
import io.shardline.router.algorithm.ShardingAlgorithm;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RulesDiffTest {
    private static ShardingAlgorithm algorithm(String type, String column, Map<String, String> settings) {
        return Algorithms.create(new AlgorithmSpec(type, List.of(column), settings));
    }

    private static TableRule table(String name, String nodes, int tables) {
        return new TableRule(name, DataNodeExpression.parse(nodes).nodes(),
                algorithm("mod", "user_id", Map.of("count", "2")),
                algorithm("mod", "order_id", Map.of("count", String.valueOf(tables))), null);
    }

    private static final TableRule ORDER = table("t_order", "ds_${0..1}.t_order_${0..1}", 2);

    private static ShardingRules rules(Map<String, TableRule> tables, Set<String> broadcast) {
        return new ShardingRules(Map.of("shop", new SchemaRules("shop", "ds_0", tables, List.of(), broadcast,
                Map.of())), 1, Duration.ofMillis(10));
    }

    @Test
    void equalRulesHaveNoChanges() {
        assertThat(RulesDiff.between(rules(Map.of("t_order", ORDER), Set.of()),
                rules(Map.of("t_order", table("t_order", "ds_${0..1}.t_order_${0..1}", 2)), Set.of()))).isEmpty();
    }

    @Test
    void addingATableOrBroadcastTableMovesNothing() {
        List<RuleChange> changes = RulesDiff.between(rules(Map.of("t_order", ORDER), Set.of()),
                rules(Map.of("t_order", ORDER, "t_item", table("t_item", "ds_${0..1}.t_item_${0..1}", 2)),
                        Set.of("t_dict")));

        assertThat(changes).extracting(RuleChange::toString).containsExactly(
                "add table shop.t_item: sharded over 4 data nodes, database strategy mod(user_id, 2), table strategy"
                        + " mod(order_id, 2); its actual tables must exist",
                "add broadcast table shop.t_dict: copied to every data source: every data source must hold the same"
                        + " rows before applying");
        assertThat(RulesDiff.movesRows(changes)).isFalse();
    }

    @Test
    void aNewStrategyMovesRows() {
        List<RuleChange> changes = RulesDiff.between(rules(Map.of("t_order", ORDER), Set.of()),
                rules(Map.of("t_order", table("t_order", "ds_${0..1}.t_order_${0..3}", 4)), Set.of()));

        assertThat(changes).extracting(RuleChange::detail).containsExactly(
                "table strategy mod(order_id, 2) -> mod(order_id, 4): stored rows would belong elsewhere",
                "data nodes added: [ds_0.t_order_2, ds_0.t_order_3, ds_1.t_order_2, ds_1.t_order_3] (create these"
                        + " tables before applying)");
        assertThat(RulesDiff.movesRows(changes)).isTrue();
    }

    @Test
    void nodesAddedUnderTheSameStrategyMoveNothingButRemovedOnesDo() {
        TableRule log = new TableRule("t_log", DataNodeExpression.parse("ds_0.t_log_${202610..202611}").nodes(), null,
                algorithm("interval", "created", Map.of("unit", "month")), null);
        TableRule grown = new TableRule("t_log", DataNodeExpression.parse("ds_0.t_log_${202610..202612}").nodes(),
                null, algorithm("interval", "created", Map.of("unit", "month")), null);
        TableRule shrunk = new TableRule("t_log", DataNodeExpression.parse("ds_0.t_log_202611").nodes(), null,
                algorithm("interval", "created", Map.of("unit", "month")), null);

        assertThat(RulesDiff.movesRows(RulesDiff.between(rules(Map.of("t_log", log), Set.of()),
                rules(Map.of("t_log", grown), Set.of())))).isFalse();
        List<RuleChange> removed = RulesDiff.between(rules(Map.of("t_log", log), Set.of()),
                rules(Map.of("t_log", shrunk), Set.of()));
        assertThat(removed).singleElement().satisfies(change -> {
            assertThat(change.detail()).startsWith("data nodes removed: [ds_0.t_log_202610]");
            assertThat(change.movesRows()).isTrue();
        });
    }

    @Test
    void removingATableOrSchemaMovesRowsAndSettingsAreListed() {
        ShardingRules before = rules(Map.of("t_order", ORDER), Set.of("t_dict"));
        List<RuleChange> dropped = RulesDiff.between(before, rules(Map.of(), Set.of()));
        List<RuleChange> settings = RulesDiff.between(before, new ShardingRules(before.schemas(), 2,
                Duration.ofMillis(10), true, ShardingRules.DEFAULT_MERGE_MEMORY_LIMIT));

        assertThat(dropped).extracting(RuleChange::object).containsExactly("table shop.t_order",
                "broadcast table shop.t_dict");
        assertThat(dropped).allMatch(RuleChange::movesRows);
        assertThat(RulesDiff.between(before, ShardingRules.NONE)).extracting(RuleChange::toString)
                .anyMatch(change -> change.startsWith("remove schema shop") && change.endsWith("(moves existing rows)"));
        assertThat(settings).extracting(RuleChange::toString).containsExactly(
                "change setting key-generator.worker-id: 1 -> 2", "change setting allow-full-table-writes: false -> true");
    }

    @Test
    void strategiesInWords() {
        assertThat(Strategies.describe(algorithm("range", "id", Map.of("boundaries", "100, 200"))))
                .isEqualTo("range(id: 100, 200)");
        assertThat(Strategies.describe(algorithm("hash-mod", "id", Map.of("count", "4")))).isEqualTo("hash-mod(id, 4)");
        assertThat(Strategies.describe(algorithm("interval", "d", Map.of("unit", "day")))).isEqualTo(
                "interval(d, day, yyyyMMdd)");
        assertThat(Strategies.describe(null)).isEqualTo("none");
    }
}
