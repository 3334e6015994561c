package io.shardline.proxy.execute;

import io.netty.buffer.ByteBuf;
import io.netty.util.concurrent.Future;
import io.shardline.proxy.backend.BackendConnection;

/** Work between syncing a connection and sending the command on it; may rewrite the payload (takes ownership). */
public interface BeforeSend {
    Future<ByteBuf> apply(BackendConnection connection, ByteBuf payload);
}
