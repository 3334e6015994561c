package io.shardline.proxy.admin;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Turns one aggregated HTTP request into an {@link AdminRequest}, asks the routes, and writes the answer. The
 * request's buffer is released by {@link SimpleChannelInboundHandler} once this returns; everything handlers see is
 * copied out first. A handler that throws gets the client a 500, never a hung connection.
 */
final class AdminHttpHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    private static final Logger LOG = Logger.getLogger(AdminHttpHandler.class.getName());

    private final AdminRoutes routes;

    AdminHttpHandler(AdminRoutes routes) {
        this.routes = routes;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        AdminResponse answer;
        if (!request.decoderResult().isSuccess()) {
            answer = AdminResponse.error(HttpResponseStatus.BAD_REQUEST, "malformed HTTP request");
        } else {
            answer = answer(request);
        }
        boolean keepAlive = HttpUtil.isKeepAlive(request) && request.decoderResult().isSuccess();
        FullHttpResponse response = encode(answer, keepAlive);
        if (keepAlive) {
            ctx.writeAndFlush(response);
        } else {
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        }
    }

    private AdminResponse answer(FullHttpRequest request) {
        QueryStringDecoder uri = new QueryStringDecoder(request.uri());
        AdminRequest copied = new AdminRequest(request.method(), uri.path(),
                request.headers().get(HttpHeaderNames.AUTHORIZATION),
                request.content().toString(StandardCharsets.UTF_8), uri.parameters());
        try {
            return routes.answer(copied);
        } catch (RuntimeException ex) {
            LOG.log(Level.WARNING, "management port: " + copied.method() + " " + copied.path() + " failed", ex);
            return AdminResponse.error(HttpResponseStatus.INTERNAL_SERVER_ERROR, "internal error: " + ex);
        }
    }

    private static FullHttpResponse encode(AdminResponse answer, boolean keepAlive) {
        ByteBuf body = Unpooled.copiedBuffer(answer.body(), StandardCharsets.UTF_8);
        FullHttpResponse result = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, answer.status(), body);
        result.headers().set(HttpHeaderNames.CONTENT_TYPE, answer.contentType())
                .setInt(HttpHeaderNames.CONTENT_LENGTH, body.readableBytes())
                .set(HttpHeaderNames.CACHE_CONTROL, HttpHeaderValues.NO_STORE);
        for (Map.Entry<String, String> each : answer.headers().entrySet()) {
            result.headers().set(each.getKey(), each.getValue());
        }
        if (keepAlive) {
            HttpUtil.setKeepAlive(result, true);
        } else {
            result.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        }
        return result;
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // A peer reset or the idle timeout: nothing to answer, nobody to tell beyond a debug line.
        LOG.log(Level.FINE, "management port connection closed: " + cause);
        ctx.close();
    }
}
