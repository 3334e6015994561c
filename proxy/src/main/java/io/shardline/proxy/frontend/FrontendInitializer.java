package io.shardline.proxy.frontend;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;
import io.shardline.proxy.ProxyRuntime;
import io.shardline.proxy.protocol.PacketDecoder;

/**
 * The pipeline of a client connection: byte counting → [TLS sniffing] → packet framing → the statement metrics' error watch →
 * [the result cache's recorder] → the session's handler.
 */
public final class FrontendInitializer extends ChannelInitializer<SocketChannel> {
    private final ProxyRuntime runtime;
    private final ByteCounter bytes;

    public FrontendInitializer(ProxyRuntime runtime) {
        this(runtime, new ByteCounter());
    }

    /** @param bytes counts every connection's bytes (shared by all) */
    public FrontendInitializer(ProxyRuntime runtime, ByteCounter bytes) {
        this.runtime = runtime;
        this.bytes = bytes;
    }

    @Override
    protected void initChannel(SocketChannel channel) {
        ChannelPipeline pipeline = channel.pipeline();
        pipeline.addLast("bytes", bytes);
        if (runtime.sslContext() != null) {
            pipeline.addLast("tls-sniffer", new SslRequestSniffer(runtime.sslContext()));
        }
        pipeline.addLast("packets", new PacketDecoder((int) Math.min(Integer.MAX_VALUE,
                runtime.config().server().maxAllowedPacket())));
        pipeline.addLast("errors", new ErrorWatch());
        if (runtime.caching() != null) {
            pipeline.addLast("result-cache", new io.shardline.proxy.cache.ResponseRecorder());
        }
        pipeline.addLast("session", new FrontendHandler(runtime));
    }
}
