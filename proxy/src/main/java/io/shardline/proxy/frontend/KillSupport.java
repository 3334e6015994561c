package io.shardline.proxy.frontend;

import io.netty.channel.Channel;
import io.shardline.proxy.ProxyRuntime;
import io.shardline.proxy.backend.BackendConnection;
import io.shardline.proxy.backend.BackendServer;
import io.shardline.proxy.protocol.MySqlError;
import io.shardline.proxy.session.Session;

/**
 * KILL [QUERY] n and COM_PROCESS_KILL. Ids are the proxy's connection ids (what clients saw in their greeting),
 * never backend thread ids: killing a backend thread by a client-supplied number could end another client's
 * work. A query is stopped with KILL QUERY on the backend thread that runs it, sent over a separate connection,
 * as drivers do for query timeouts.
 */
final class KillSupport {
    private final ProxyRuntime runtime;
    private final FrontendHandler handler;

    KillSupport(ProxyRuntime runtime, FrontendHandler handler) {
        this.runtime = runtime;
        this.handler = handler;
    }

    void kill(long connectionId, boolean queryOnly, int reply, Runnable done) {
        Channel channel = handler.channel();
        FrontendHandler target = runtime.sessions().get(connectionId);
        if (target == null) {
            Replies.error(channel, reply, MySqlError.ER_NO_SUCH_THREAD, "Unknown thread id: " + connectionId);
            done.run();
            return;
        }
        Session mine = handler.session();
        if (!mine.user().equals(target.session().user())) {
            Replies.error(channel, reply, new io.shardline.proxy.protocol.ErrPacket(1095, "HY000",
                    "You are not owner of thread " + connectionId));
            done.run();
            return;
        }
        target.channel().eventLoop().submit(() -> runningBackend(target)).addListener(found -> {
            BackendConnection backend = found.isSuccess() ? (BackendConnection) found.getNow() : null;
            channel.eventLoop().execute(() -> killOn(backend, target, queryOnly, reply, done));
        });
    }

    private static BackendConnection runningBackend(FrontendHandler target) {
        BackendConnection backend = target.session().backend();
        return backend != null && backend.isBusy() ? backend : null;
    }

    private void killOn(BackendConnection backend, FrontendHandler target, boolean queryOnly, int reply,
                        Runnable done) {
        Channel channel = handler.channel();
        Runnable finish = () -> {
            if (!queryOnly) {
                target.channel().close();
            }
            if (target == handler && !queryOnly) {
                Replies.error(channel, reply, MySqlError.ER_QUERY_INTERRUPTED, "Connection was killed");
            } else {
                Replies.ok(channel, handler.session(), reply);
            }
            done.run();
        };
        if (backend == null) {
            finish.run();
            return;
        }
        BackendServer server = backend.server();
        long threadId = backend.threadId();
        runtime.connector().connect(server, channel.eventLoop(), 0).addListener(connected -> {
            if (!connected.isSuccess()) {
                finish.run();
                return;
            }
            BackendConnection control = (BackendConnection) connected.getNow();
            control.query("KILL QUERY " + threadId).addListener(killed -> {
                control.close();
                finish.run();
            });
        });
    }
}
