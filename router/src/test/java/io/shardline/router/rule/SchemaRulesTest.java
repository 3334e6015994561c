package io.shardline.router.rule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shardline.router.algorithm.AlgorithmSpec;
import io.shardline.router.algorithm.Algorithms;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SchemaRulesTest {
    private static TableRule sharded(String table, String nodes, String column) {
        return new TableRule(table, DataNodeExpression.parse(nodes).nodes(),
                Algorithms.create(new AlgorithmSpec("mod", List.of(column), Map.of("count", "2"))),
                Algorithms.create(new AlgorithmSpec("mod", List.of(column), Map.of("count", "2"))), null);
    }

    private static final TableRule ORDER = sharded("t_order", "ds_${0..1}.t_order_${0..1}", "user_id");
    private static final TableRule ITEM = sharded("T_Order_Item", "ds_${0..1}.t_order_item_${0..1}", "user_id");

    @Test
    void looksUpTablesWhateverTheirCase() {
        SchemaRules shop = new SchemaRules("shop", "ds_0", Map.of("T_ORDER", ORDER, "t_order_item", ITEM),
                List.of(Set.of("t_order", "T_ORDER_ITEM")), Set.of("T_Dict"), Map.of("ds_1", "shop_1"));
        assertThat(shop.table("t_Order")).isSameAs(ORDER);
        assertThat(shop.table("t_user")).isNull();
        assertThat(shop.isBroadcast("t_dict")).isTrue();
        assertThat(shop.bindingGroupOf("T_ORDER")).containsExactlyInAnyOrder("t_order", "t_order_item");
        assertThat(shop.bindingGroupOf("t_dict")).isEmpty();
        assertThat(shop.dataSources()).containsExactly("ds_0", "ds_1");
        assertThat(shop.actualDatabase("ds_0")).isEqualTo("shop");
        assertThat(shop.actualDatabase("ds_1")).isEqualTo("shop_1");
        ShardingRules rules = new ShardingRules(Map.of("Shop", shop), 1, java.time.Duration.ofMillis(10));
        assertThat(rules.schema("SHOP")).isSameAs(shop);
        assertThat(rules.schema("other")).isNull();
    }

    @Test
    void refusesBindingsThatCannotHold() {
        TableRule lopsided = sharded("t_other", "ds_0.t_other_${0..1}, ds_1.t_other_0", "user_id");
        assertThatThrownBy(() -> new SchemaRules("shop", "ds_0", Map.of("t_order", ORDER, "t_other", lopsided),
                List.of(Set.of("t_order", "t_other")), Set.of(), Map.of()))
                .hasMessageContaining("not laid out alike");
        assertThatThrownBy(() -> new SchemaRules("shop", "ds_0", Map.of("t_order", ORDER),
                List.of(Set.of("t_order", "t_missing")), Set.of(), Map.of()))
                .hasMessageContaining("t_missing, which is not a sharded table");
        assertThatThrownBy(() -> new SchemaRules("shop", "ds_0", Map.of("t_order", ORDER), List.of(),
                Set.of("t_order"), Map.of())).hasMessageContaining("both sharded and broadcast");
        assertThatThrownBy(() -> new SchemaRules("shop", " ", Map.of(), List.of(), Set.of(), Map.of()))
                .hasMessageContaining("default data source");
        assertThatThrownBy(() -> new SchemaRules("shop", "ds_0", Map.of("t_order", ORDER), List.of(), Set.of(),
                Map.of("ds_0", "shop_0"))).as("sessions USE the schema on its default data source")
                .hasMessageContaining("must hold it under its own name");
    }
}
