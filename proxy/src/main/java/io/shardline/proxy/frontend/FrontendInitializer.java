package io.shardline.proxy.frontend;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;
import io.shardline.proxy.ProxyRuntime;
import io.shardline.proxy.protocol.PacketDecoder;

/**
 * The pipeline of a client connection: [TLS sniffing] → packet framing → the statement metrics' error watch →
 * [the result cache's recorder] → the session's handler.
 */
public final class FrontendInitializer extends ChannelInitializer<SocketChannel> {
    private final ProxyRuntime runtime;

    public FrontendInitializer(ProxyRuntime runtime) {
        this.runtime = runtime;
    }

    @Override
    protected void initChannel(SocketChannel channel) {
        ChannelPipeline pipeline = channel.pipeline();
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
