package io.shardline.proxy.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Puts the logical names back into the column definitions a shard sends: the shard knows its rows by its actual
 * database and tables ({@code shop_1}, {@code t_order_1}), while one server holding every row would name the
 * logical schema and table ({@code shop}, {@code t_order}) in each column's schema, table and org_table. Clients
 * read them back (JDBC's getTableName / getCatalogName, ORMs mapping result columns to entities). A table alias
 * written by the client is not an actual name and stays as it is. Immutable; one per data source of a schema.
 *
 * @param actualDatabase the data source's database for the schema
 * @param schema the logical schema
 * @param logicalByActual each actual table on the data source to its logical table (bound, broadcast: any table
 *     the rules rename)
 */
public record LogicalColumnNames(String actualDatabase, String schema, Map<String, String> logicalByActual) {
    /** Where the four leading length-encoded strings of a definition are: catalog, schema, table, org_table. */
    private static final int NAMES = 4;

    public LogicalColumnNames {
        logicalByActual = Map.copyOf(logicalByActual);
    }

    /** The names to put back in what {@code dataSource} sends for a statement on schema {@code rules}. */
    public static LogicalColumnNames of(io.shardline.router.rule.SchemaRules rules, String dataSource) {
        Map<String, String> tables = new java.util.HashMap<>();
        rules.tables().forEach((logical, rule) -> {
            for (String actual : rule.tablesOn(dataSource)) {
                tables.put(actual, rule.logicalTable());
            }
        });
        return new LogicalColumnNames(rules.actualDatabase(dataSource), rules.name(), tables);
    }

    /**
     * The definition in {@code buf} ({@code payloadLength} bytes from {@code payloadIndex}) with logical names, as
     * a new packet with sequence id {@code sequenceId}; null when it names nothing to change (an alias, a computed
     * column), so that the packet goes on unchanged.
     */
    public ByteBuf rewrite(ByteBuf buf, int payloadIndex, int payloadLength, int sequenceId, ByteBufAllocator alloc) {
        ByteBuf payload = buf.slice(payloadIndex, payloadLength);
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
            return null;
        }
        starts[NAMES] = payload.readerIndex();
        ByteBuf packet = Packets.begin(alloc, sequenceId);
        for (int i = 0; i < NAMES; i++) {
            if (names[i] == null) {
                packet.writeBytes(payload, starts[i], starts[i + 1] - starts[i]);
            } else {
                WireFormat.writeLenencString(packet, names[i], StandardCharsets.UTF_8);
            }
        }
        packet.writeBytes(payload, starts[NAMES], payloadLength - starts[NAMES]);
        return Packets.finish(packet);
    }

    /** The logical name for field {@code field} (1 schema, 2 table, 3 org_table) sent as {@code name}, or null. */
    private String logicalOf(int field, String name) {
        if (field == 1) {
            return name.equals(actualDatabase) ? schema : null;
        }
        return field > 1 ? logicalByActual.get(name) : null;
    }
}
