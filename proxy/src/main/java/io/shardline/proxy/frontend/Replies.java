package io.shardline.proxy.frontend;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.shardline.proxy.protocol.Capabilities;
import io.shardline.proxy.protocol.EofPacket;
import io.shardline.proxy.protocol.ErrPacket;
import io.shardline.proxy.protocol.MySqlError;
import io.shardline.proxy.protocol.OkPacket;
import io.shardline.proxy.protocol.ServerStatus;
import io.shardline.proxy.session.Session;

/** Packets the proxy answers with itself, shaped for the session's negotiated capabilities. */
final class Replies {
    private Replies() {}

    static void ok(Channel channel, Session session, int sequenceId) {
        OkPacket ok = OkPacket.of(0, 0, session.status() & ~ServerStatus.STATEMENT_ONLY, 0);
        channel.writeAndFlush(ok.encode(channel.alloc(), sequenceId, session.capabilities()));
    }

    /** The EOF a command such as COM_SET_OPTION ends with: an OK with the EOF header under DEPRECATE_EOF. */
    static void eof(Channel channel, Session session, int sequenceId) {
        int status = session.status() & ~ServerStatus.STATEMENT_ONLY;
        ByteBuf packet = session.clientHas(Capabilities.DEPRECATE_EOF)
                ? new OkPacket(OkPacket.EOF_HEADER, 0, 0, status, 0, new byte[0], new byte[0])
                        .encode(channel.alloc(), sequenceId, session.capabilities())
                : new EofPacket(0, status).encode(channel.alloc(), sequenceId);
        channel.writeAndFlush(packet);
    }

    static void error(Channel channel, int sequenceId, MySqlError error, String message) {
        error(channel, sequenceId, ErrPacket.of(error, message));
    }

    static void error(Channel channel, int sequenceId, ErrPacket error) {
        channel.writeAndFlush(error.encode(channel.alloc(), sequenceId));
    }
}
