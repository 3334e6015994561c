package io.shardline.proxy.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LogicalColumnNamesTest {
    private static final LogicalColumnNames SHOP_1 = new LogicalColumnNames("shop", Set.of("shop", "shop_1"),
            Map.of("t_order_1", "t_order", "t_order_0", "t_order", "t_item_1", "t_item"));

    /** A column definition packet (header included) with the given names and fixed fields after them. */
    private static ByteBuf definition(int sequenceId, String schema, String table, String orgTable, String name) {
        ByteBuf packet = Packets.begin(ByteBufAllocator.DEFAULT, sequenceId);
        for (String each : new String[] {"def", schema, table, orgTable, name, name}) {
            WireFormat.writeLenencString(packet, each, StandardCharsets.UTF_8);
        }
        packet.writeByte(0x0c).writeShortLE(45).writeIntLE(80).writeByte(253).writeShortLE(0).writeByte(0)
                .writeShortLE(0);
        return Packets.finish(packet);
    }

    private static String[] names(ByteBuf packet) {
        ByteBuf payload = packet.duplicate().skipBytes(Packets.HEADER_SIZE);
        String[] result = new String[6];
        for (int i = 0; i < 6; i++) {
            result[i] = WireFormat.readLenencString(payload, StandardCharsets.UTF_8);
        }
        assertThat(payload.readableBytes()).isEqualTo(13);
        return result;
    }

    @Test
    void namesChangeUnlessEveryActualDatabaseAndTableIsNamedAsTheLogicalOne() {
        assertThat(SHOP_1.changesNothing()).isFalse();
        assertThat(new LogicalColumnNames("shop", Set.of("shop"), Map.of("t_order", "t_order")).changesNothing())
                .isTrue();
        assertThat(new LogicalColumnNames("shop", Set.of("shop", "shop_1"), Map.of("t_order", "t_order"))
                .changesNothing()).isFalse();
        assertThat(new LogicalColumnNames("shop", Set.of("shop"), Map.of("t_order_0", "t_order")).changesNothing())
                .isFalse();
    }

    @Test
    void theActualDatabaseAndTablesBecomeTheLogicalOnesAndAnAliasStays() {
        ByteBuf sent = definition(7, "shop_1", "o", "t_order_1", "status");
        ByteBuf rewritten = SHOP_1.rewrite(sent, Packets.HEADER_SIZE, sent.readableBytes() - Packets.HEADER_SIZE, 7,
                ByteBufAllocator.DEFAULT);
        assertThat(names(rewritten)).containsExactly("def", "shop", "o", "t_order", "status", "status");
        assertThat(Packets.sequenceId(rewritten, 0)).isEqualTo(7);
        assertThat(rewritten.getUnsignedMediumLE(0)).isEqualTo(rewritten.readableBytes() - Packets.HEADER_SIZE);
        rewritten.release();
        sent.release();

        ByteBuf bare = definition(2, "shop_1", "t_item_1", "t_item_1", "sku");
        ByteBuf renamed = SHOP_1.rewrite(bare, Packets.HEADER_SIZE, bare.readableBytes() - Packets.HEADER_SIZE, 2,
                ByteBufAllocator.DEFAULT);
        assertThat(names(renamed)).containsExactly("def", "shop", "t_item", "t_item", "sku", "sku");
        renamed.release();
        bare.release();
    }

    @Test
    void aKeptDefinitionIsRenamedAndItsFixedFieldsFollow() {
        ByteBuf sent = definition(1, "shop_1", "t_order_0", "t_order_0", "amount");
        ColumnDefinition column = ColumnDefinition.decode(sent.duplicate().skipBytes(Packets.HEADER_SIZE), 0);
        ColumnDefinition named = column.withLogicalNames(SHOP_1);
        ByteBuf payload = Unpooled.wrappedBuffer(named.payload());
        String[] names = new String[4];
        for (int i = 0; i < 4; i++) {
            names[i] = WireFormat.readLenencString(payload, StandardCharsets.UTF_8);
        }
        assertThat(names).containsExactly("def", "shop", "t_order", "t_order");
        assertThat(named.payload()[named.fixedFields()]).as("the fixed fields' first byte: collation 45").isEqualTo((byte) 45);
        assertThat(named.collationId()).isEqualTo(45);
        assertThat(column.withLogicalNames(null)).isSameAs(column);
        sent.release();
    }

    @Test
    void aDefinitionNamingNothingOfTheShardIsLeftAlone() {
        for (ByteBuf sent : new ByteBuf[] {definition(3, "", "", "", "COUNT(*)"),
                definition(3, "other", "t_plain", "t_plain", "id"), definition(3, "shop_2", "t_dict", "t_dict", "v")}) {
            assertThat(SHOP_1.rewrite(sent, Packets.HEADER_SIZE, sent.readableBytes() - Packets.HEADER_SIZE, 3,
                    ByteBufAllocator.DEFAULT)).isNull();
            sent.release();
        }
    }
}
