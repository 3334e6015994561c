package io.shardline.proxy.protocol.command;

import io.netty.buffer.ByteBuf;

/**
 * A command whose payload (command byte included) can be sent to a backend unchanged. The command owns the
 * payload until it is written to a backend or released.
 */
public interface ForwardedCommand {
    ByteBuf payload();
}
