package io.shardline.proxy.protocol.command;

import io.netty.buffer.ByteBuf;

/** COM_INIT_DB: change the default schema. */
public record ComInitDb(String schema, ByteBuf payload) implements ClientCommand, ForwardedCommand {
}
