package io.shardline.proxy.it;

import io.shardline.proxy.ShardlineServer;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The sharded layout the sharding ITs compare against one plain server: a logical schema over the sandbox's two
 * shard servers (ds_0 holds it under its own name, ds_1 as {@code <schema>_1}), with {@code t_order} and its
 * bound table sharded by user_id (data source) and order_id (table), two tables per data source, and one broadcast
 * table; the reference database with the same tables lives on the sandbox primary. Each call makes fresh
 * databases and a proxy of its own, which the caller closes.
 */
final class ShardedLayout {
    private ShardedLayout() {}

    /**
     * Settings of a layout's proxy beyond the defaults.
     *
     * @param serverLines more lines under {@code server:} (indented two spaces), e.g. worker-threads
     * @param shardingLines more lines under {@code sharding:} (indented two spaces), e.g. merge-memory-limit
     * @param sourcePool each shard data source's {@code pool} setting, e.g. {@code { max-size: 2 }}; empty for the
     *     default
     */
    record Tuning(String serverLines, String shardingLines, String sourcePool) {
        static final Tuning NONE = new Tuning("", "", "");
    }

    /**
     * @param boundTable the table bound to t_order
     * @param broadcastTable the broadcast table
     * @param extraTableRules more lines under {@code tables:} (indented eight spaces), e.g. a key generator
     */
    static ShardlineServer start(SandboxFixture sandbox, String schema, String reference, String boundTable,
                                 String broadcastTable, String extraTableRules) throws Exception {
        return start(sandbox, schema, reference, boundTable, broadcastTable, extraTableRules, Tuning.NONE);
    }

    /** Fresh databases, and a proxy over them with {@code tuning}. */
    static ShardlineServer start(SandboxFixture sandbox, String schema, String reference, String boundTable,
                                 String broadcastTable, String extraTableRules, Tuning tuning) throws Exception {
        List<Integer> shards = sandbox.shardPorts();
        String charset = " CHARACTER SET utf8mb4 COLLATE utf8mb4_general_ci";
        execute(sandbox, shards.get(0), "DROP DATABASE IF EXISTS " + schema, "CREATE DATABASE " + schema + charset);
        execute(sandbox, shards.get(1), "DROP DATABASE IF EXISTS " + schema + "_1",
                "CREATE DATABASE " + schema + "_1" + charset);
        execute(sandbox, sandbox.primaryPort(), "DROP DATABASE IF EXISTS " + reference,
                "CREATE DATABASE " + reference + charset);
        return proxy(sandbox, schema, boundTable, broadcastTable, extraTableRules, tuning);
    }

    /** Another proxy over the databases {@link #start} made, with other settings. */
    static ShardlineServer proxy(SandboxFixture sandbox, String schema, String boundTable, String broadcastTable,
                                 String extraTableRules, Tuning tuning) throws Exception {
        return new ShardlineServer(ProxyFixture.load(yaml(sandbox, schema, boundTable, broadcastTable,
                extraTableRules, tuning))).start();
    }

    /** The configuration of such a proxy, as YAML text (for a proxy run as a process of its own). */
    static String yaml(SandboxFixture sandbox, String schema, String boundTable, String broadcastTable,
                       String extraTableRules, Tuning tuning) {
        List<Integer> shards = sandbox.shardPorts();
        String pool = tuning.sourcePool().isEmpty() ? "" : ", pool: " + tuning.sourcePool();
        String sources = "  ds_0: { primary: 127.0.0.1:" + shards.get(0) + ", user: shardline, password: shardline"
                + pool + " }\n"
                + "  ds_1: { primary: 127.0.0.1:" + shards.get(1) + ", user: shardline, password: shardline"
                + pool + " }\n";
        String sharding = String.join("\n",
                "sharding:",
                tuning.shardingLines(),
                "  schemas:",
                "    " + schema + ":",
                "      default-datasource: ds_0",
                "      actual-databases: { ds_1: " + schema + "_1 }",
                "      tables:",
                "        t_order:",
                "          data-nodes: ds_${0..1}.t_order_${0..1}",
                "          database-strategy: { columns: user_id, algorithm: mod, count: 2 }",
                "          table-strategy: { columns: order_id, algorithm: mod, count: 2 }",
                extraTableRules,
                "        " + boundTable + ":",
                "          data-nodes: ds_${0..1}." + boundTable + "_${0..1}",
                "          database-strategy: { columns: user_id, algorithm: mod, count: 2 }",
                "          table-strategy: { columns: order_id, algorithm: mod, count: 2 }",
                "      binding-groups: [[t_order, " + boundTable + "]]",
                "      broadcast-tables: [" + broadcastTable + "]",
                "");
        return ProxyFixture.yaml(sandbox, tuning.serverLines(), "{ max-size: 10 }", sandbox.primaryPort(), "",
                sources + sharding);
    }

    /** Runs statements as root on one sandbox server. */
    static void execute(SandboxFixture sandbox, int port, String... statements) throws SQLException {
        try (Connection connection = sandbox.rootConnection(port); Statement statement = connection.createStatement()) {
            for (String each : statements) {
                statement.execute(each);
            }
        }
    }
}
