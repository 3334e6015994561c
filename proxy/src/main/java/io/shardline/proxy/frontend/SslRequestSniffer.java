package io.shardline.proxy.frontend;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.ssl.SslContext;
import io.shardline.proxy.protocol.HandshakeResponse;
import io.shardline.proxy.protocol.Packets;
import java.util.List;

/**
 * Looks at the client's first packet only. An SSLRequest is consumed and this handler replaces itself with an
 * SslHandler; any bytes already received after it (the TLS ClientHello often arrives in the same read) flow into
 * the SslHandler, because Netty routes a replaced handler's leftovers to its successor. Any other first packet is
 * left untouched for the packet decoder.
 */
final class SslRequestSniffer extends ByteToMessageDecoder {
    /** Fired to the frontend handler when the client switched to TLS; carries the SSLRequest's sequence id. */
    record TlsStarted(int sequenceId) {
    }

    private final SslContext sslContext;

    SslRequestSniffer(SslContext sslContext) {
        this.sslContext = sslContext;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (in.readableBytes() < Packets.HEADER_SIZE) {
            return;
        }
        int length = Packets.payloadLength(in, in.readerIndex());
        if (in.readableBytes() < Packets.HEADER_SIZE + length) {
            return;
        }
        ByteBuf payload = in.slice(in.readerIndex() + Packets.HEADER_SIZE, length);
        if (!HandshakeResponse.isSslRequest(payload)) {
            ctx.pipeline().remove(this);
            return;
        }
        int sequenceId = Packets.sequenceId(in, in.readerIndex());
        in.skipBytes(Packets.HEADER_SIZE + length);
        ctx.fireUserEventTriggered(new TlsStarted(sequenceId));
        ctx.pipeline().replace(this, "tls", sslContext.newHandler(ctx.alloc()));
    }
}
