package io.shardline.proxy.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.shardline.router.rule.SchemaRules;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Puts the logical names back into the column definitions shards send: a shard knows its rows by its actual
 * database and tables ({@code shop_1}, {@code t_order_1}), while one server holding every row would name the
 * logical schema and table ({@code shop}, {@code t_order}) in each column's schema, table and org_table. Clients
 * read them back (JDBC's getTableName / getCatalogName, ORMs mapping result columns to entities). A table alias
 * written by the client is not an actual name and stays as it is. Immutable; one per schema's rules.
 *
 * @param schema the logical schema
 * @param actualDatabases the databases the schema has on its data sources
 * @param logicalByActual each actual table, on any data source, to its logical table
 */
public record LogicalColumnNames(String schema, Set<String> actualDatabases, Map<String, String> logicalByActual) {
    /** The four leading length-encoded strings of a definition: catalog, schema, table, org_table. */
    private static final int NAMES = 4;

    public LogicalColumnNames {
        actualDatabases = Set.copyOf(actualDatabases);
        logicalByActual = Map.copyOf(logicalByActual);
    }

    /** The names to put back in what the data sources of schema {@code rules} send. */
    public static LogicalColumnNames of(SchemaRules rules) {
        Map<String, String> tables = new HashMap<>();
        Set<String> databases = new HashSet<>();
        for (String dataSource : rules.dataSources()) {
            databases.add(rules.actualDatabase(dataSource));
            rules.tables().forEach((logical, rule) -> {
                for (String actual : rule.tablesOn(dataSource)) {
                    tables.put(actual, rule.logicalTable());
                }
            });
        }
        return new LogicalColumnNames(rules.name(), databases, tables);
    }

    /**
     * Whether no definition would change: every actual database and table is named as its logical one (one
     * actual table per data source named like the logical table, say), so the shards' definitions go on as sent.
     */
    public boolean changesNothing() {
        for (String each : actualDatabases) {
            if (!each.equals(schema)) {
                return false;
            }
        }
        for (Map.Entry<String, String> each : logicalByActual.entrySet()) {
            if (!each.getKey().equals(each.getValue())) {
                return false;
            }
        }
        return true;
    }

    /**
     * The definition in {@code buf} ({@code payloadLength} bytes from {@code payloadIndex}) with logical names, as
     * a new packet with sequence id {@code sequenceId}; null when it names nothing to change (an alias, a computed
     * column), so that the packet goes on unchanged.
     */
    public ByteBuf rewrite(ByteBuf buf, int payloadIndex, int payloadLength, int sequenceId, ByteBufAllocator alloc) {
        ByteBuf packet = Packets.begin(alloc, sequenceId);
        if (!rewriteInto(buf.slice(payloadIndex, payloadLength), packet)) {
            packet.release();
            return null;
        }
        return Packets.finish(packet);
    }

    /** A definition's payload with logical names, or null when it names nothing to change. */
    public byte[] rewrite(byte[] payload) {
        ByteBuf out = Unpooled.buffer(payload.length + 8);
        return rewriteInto(Unpooled.wrappedBuffer(payload), out) ? io.netty.buffer.ByteBufUtil.getBytes(out) : null;
    }

    /** Writes {@code payload} with logical names to {@code out}; false (out unusable) when nothing changes. */
    private boolean rewriteInto(ByteBuf payload, ByteBuf out) {
        int[] starts = new int[NAMES + 1];
        String[] names = new String[NAMES];
        boolean changed = false;
        for (int i = 0; i < NAMES; i++) {
            starts[i] = payload.readerIndex();
            // ISO-8859-1 reads any bytes; actual names are ASCII (the rules allow nothing else), so they match as is.
            String sent = WireFormat.readLenencString(payload, StandardCharsets.ISO_8859_1);
            String logical = logicalOf(i, sent);
            if (logical != null && !logical.equals(sent)) {
                names[i] = logical;
                changed = true;
            }
        }
        if (!changed) {
            return false;
        }
        starts[NAMES] = payload.readerIndex();
        for (int i = 0; i < NAMES; i++) {
            if (names[i] == null) {
                out.writeBytes(payload, starts[i], starts[i + 1] - starts[i]);
            } else {
                WireFormat.writeLenencString(out, names[i], StandardCharsets.UTF_8);
            }
        }
        out.writeBytes(payload, starts[NAMES], payload.writerIndex() - starts[NAMES]);
        return true;
    }

    /** The logical name for field {@code field} (1 schema, 2 table, 3 org_table) sent as {@code name}, or null. */
    private String logicalOf(int field, String name) {
        if (field == 1) {
            return actualDatabases.contains(name) ? schema : null;
        }
        return field > 1 ? logicalByActual.get(name) : null;
    }
}
