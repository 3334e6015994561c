package io.shardline.proxy.protocol.command;

import io.netty.buffer.ByteBuf;

/** COM_FIELD_LIST (deprecated, still used by some clients): column definitions of a table. */
public record ComFieldList(ByteBuf payload) implements ClientCommand, ForwardedCommand {
}
