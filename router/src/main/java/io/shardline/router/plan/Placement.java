package io.shardline.router.plan;

import java.util.List;
import java.util.Map;

/**
 * Where a statement runs: one entry per statement to send, each a data source and the actual table it reads for
 * every sharded table the statement names.
 *
 * @param nodes never empty
 * @param table the sharded table whose conditions chose the nodes, for messages
 */
record Placement(List<NodeTables> nodes, String table) {
    Placement {
        nodes = List.copyOf(nodes);
    }

    /** @param actualByLogical lower-case logical table name to its actual table on {@code dataSource} */
    record NodeTables(String dataSource, Map<String, String> actualByLogical) {}
}
