package io.shardline.proxy.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.shardline.proxy.config.ConfigException;
import io.shardline.proxy.config.RulesText;
import io.shardline.router.rule.ShardingRules;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LiveRulesTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-26T15:00:00Z"), ZoneOffset.UTC);

    private static String section(int tablesPerSource, String extraTable, int workerId) {
        return "sharding:\n"
                + "  key-generator: { worker-id: " + workerId + " }\n"
                + "  schemas:\n"
                + "    shop:\n"
                + "      default-datasource: ds_0\n"
                + "      tables:\n"
                + "        t_order:\n"
                + "          data-nodes: ds_${0..1}.t_order_${0.." + (tablesPerSource - 1) + "}\n"
                + "          database-strategy: { columns: user_id, algorithm: mod, count: 2 }\n"
                + "          table-strategy: { columns: order_id, algorithm: mod, count: " + tablesPerSource + " }\n"
                + extraTable;
    }

    private static final String ITEM = "        t_item:\n"
            + "          data-nodes: ds_${0..1}.t_item\n"
            + "          database-strategy: { columns: user_id, algorithm: mod, count: 2 }\n";

    private static RulesText text(String section) {
        try {
            return RulesText.parse("test", section, Set.of("ds_0", "ds_1"));
        } catch (ConfigException ex) {
            throw new AssertionError(String.join("\n", ex.problems()), ex);
        }
    }

    private final RulesText start = text(section(2, "", 1));
    private final LiveRules live = new LiveRules(start.rules(), start.section(), 100, CLOCK);

    @Test
    void startsAtVersionOne() {
        assertThat(live.current().version()).isEqualTo(1);
        assertThat(live.current().source()).isEqualTo("startup");
        assertThat(live.get()).isSameAs(start.rules());
        assertThat(live.history()).hasSize(1);
    }

    @Test
    void aChangeThatMovesNoRowsIsAppliedAsTheNextVersionAndTold() throws Exception {
        List<RulesVersion> told = new ArrayList<>();
        live.onChange(told::add);
        ShardingRules before = live.get();

        RulesVersion applied = live.apply(text(section(2, ITEM, 1)), "apply", false);

        assertThat(applied.version()).isEqualTo(2);
        assertThat(applied.changes()).extracting(Object::toString).singleElement().asString()
                .startsWith("add table shop.t_item");
        assertThat(live.get().schema("shop").table("t_item")).isNotNull();
        assertThat(live.get()).isNotSameAs(before);
        assertThat(applied.planner()).as("same safety switch: the planner and its parsed shapes stay")
                .isSameAs(live.history().get(0).planner());
        assertThat(applied.keys()).as("same worker id: the key generator stays").isSameAs(live.history().get(0).keys());
        assertThat(told).containsExactly(applied);
    }

    @Test
    void aChangeThatWouldMoveRowsIsRefusedUnlessForced() throws Exception {
        RulesRefusedException refused = catchThrowableOfType(RulesRefusedException.class,
                () -> live.apply(text(section(4, "", 1)), "apply", false));

        assertThat(refused.getMessage()).contains("would move stored rows", "table strategy mod(order_id, 2) ->"
                + " mod(order_id, 4)", "force");
        assertThat(refused.changes()).anyMatch(change -> change.movesRows());
        assertThat(live.current().version()).as("nothing changed").isEqualTo(1);

        assertThat(live.apply(text(section(4, "", 1)), "apply", true).version()).isEqualTo(2);
    }

    @Test
    void sameRulesChangeNothing() throws Exception {
        assertThat(live.apply(text(section(2, "", 1)), "apply", false)).isSameAs(live.current());
        assertThat(live.history()).hasSize(1);
    }

    @Test
    void rollbackGoesBackAsANewVersion() throws Exception {
        live.apply(text(section(2, ITEM, 1)), "apply", false);
        live.apply(text(section(2, ITEM, 7)), "apply", false);
        assertThat(live.current().keys()).as("a new worker id: a new generator")
                .isNotSameAs(live.history().get(1).keys());

        RulesVersion back = live.rollback(null, false);

        assertThat(back.version()).isEqualTo(4);
        assertThat(back.source()).isEqualTo("rollback");
        assertThat(back.rules().workerId()).isEqualTo(1);
        assertThat(back.text()).isEqualTo(live.history().get(1).text());
        assertThatThrownBy(() -> live.rollback(1, false)).as("dropping t_item would lose its rows")
                .isInstanceOf(RulesRefusedException.class);
        assertThatThrownBy(() -> live.rollback(99, false)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("version 99 is not kept; kept: 1..4");
    }

    @Test
    void historyIsBounded() throws Exception {
        for (int i = 0; i < LiveRules.KEPT + 5; i++) {
            live.apply(text(section(2, "", i % 2 == 0 ? 2 : 3)), "apply", false);
        }
        assertThat(live.history()).hasSize(LiveRules.KEPT);
        assertThat(live.history().get(LiveRules.KEPT - 1).version()).isEqualTo(LiveRules.KEPT + 6);
    }
}
