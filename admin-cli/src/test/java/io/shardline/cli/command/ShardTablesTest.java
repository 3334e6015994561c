package io.shardline.cli.command;

import static org.assertj.core.api.Assertions.assertThat;

import io.shardline.router.rule.DataNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How {@code --check-backends} words the first difference between two actual tables' columns. */
class ShardTablesTest {
    private static final DataNode REFERENCE = DataNode.parse("ds_0.t_order_0");
    private static final List<String> COLUMNS = List.of("order_id bigint(20)", "user_id int(11)", "note varchar(20)");

    @Test
    void theSameColumnsAreNoDifference() {
        assertThat(ShardTables.difference(COLUMNS, List.copyOf(COLUMNS), REFERENCE)).isNull();
    }

    @Test
    void aTypeDifferenceNamesTheColumnAndBothTypes() {
        assertThat(ShardTables.difference(COLUMNS, List.of("order_id bigint(20)", "user_id bigint(20)",
                "note varchar(20)"), REFERENCE))
                .isEqualTo("column 2 is user_id bigint(20), in ds_0.t_order_0 user_id int(11)");
    }

    @Test
    void aMissingOrExtraColumnIsNamed() {
        assertThat(ShardTables.difference(COLUMNS, COLUMNS.subList(0, 2), REFERENCE))
                .isEqualTo("it lacks column 3 (note varchar(20))");
        assertThat(ShardTables.difference(COLUMNS.subList(0, 2), COLUMNS, REFERENCE))
                .isEqualTo("it has an extra column 3 (note varchar(20))");
    }

    @Test
    void columnsInAnotherOrderDiffer() {
        assertThat(ShardTables.difference(COLUMNS, List.of("user_id int(11)", "order_id bigint(20)",
                "note varchar(20)"), REFERENCE))
                .isEqualTo("column 1 is user_id int(11), in ds_0.t_order_0 order_id bigint(20)");
    }
}
