package io.shardline.proxy.frontend;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.shardline.proxy.ProxyRuntime;
import io.shardline.proxy.backend.ResponseKind;
import io.shardline.proxy.execute.CommandExecutor;
import io.shardline.proxy.execute.StatementTraits;
import io.shardline.proxy.protocol.CommandCode;
import io.shardline.proxy.protocol.MySqlError;
import io.shardline.proxy.protocol.command.ComChangeUser;
import io.shardline.proxy.protocol.command.ComSetOption;
import io.shardline.proxy.protocol.command.ComStmtClose;
import io.shardline.proxy.session.Session;
import io.shardline.router.classify.KillCommand;

/** Commands about the session itself rather than data: options, reset, change user, statistics, KILL. */
final class SessionCommands {
    private final ProxyRuntime runtime;
    private final FrontendHandler handler;
    private final Channel channel;
    private final Session session;
    private final CommandExecutor executor;
    private final LoginFlow login;
    private final KillSupport kills;

    SessionCommands(ProxyRuntime runtime, FrontendHandler handler, LoginFlow login) {
        this.runtime = runtime;
        this.handler = handler;
        this.channel = handler.channel();
        this.session = handler.session();
        this.executor = handler.executor();
        this.login = login;
        this.kills = new KillSupport(runtime, handler);
    }

    void statistics(int reply, Runnable done) {
        ByteBuf payload = channel.alloc().buffer(1).writeByte(CommandCode.COM_STATISTICS);
        executor.forward(payload, reply, ResponseKind.SINGLE, StatementTraits.NONE, done);
    }

    /** Recorded on the session and applied to whichever backend connection runs its next statement. */
    void setOption(ComSetOption option, int reply, Runnable done) {
        if (option.option() == ComSetOption.MULTI_STATEMENTS_ON || option.option() == ComSetOption.MULTI_STATEMENTS_OFF) {
            session.multiStatements(option.option() == ComSetOption.MULTI_STATEMENTS_ON);
            Replies.eof(channel, session, reply);
        } else {
            Replies.error(channel, reply, MySqlError.ER_UNKNOWN_COM_ERROR, "Unknown command: COM_SET_OPTION option "
                    + option.option());
        }
        done.run();
    }

    /**
     * Back to a fresh login's state. A held backend connection carries state only a reset could clear; it is
     * closed rather than reset, so nothing of this session can leak to another.
     */
    void resetConnection(int reply, Runnable done) {
        executor.dropHeldBackend();
        session.resetState();
        Replies.ok(channel, session, reply);
        done.run();
    }

    void changeUser(ComChangeUser command, Runnable done) {
        executor.dropHeldBackend();
        handler.changingUser();
        login.changeUser(command, success -> {
            handler.changeUserDone(success);
            done.run();
        });
    }

    void killStatement(KillCommand kill, int reply, Runnable done) {
        if (kill == null) {
            Replies.error(channel, reply, MySqlError.ER_NOT_SUPPORTED_YET, "This version of Shardline doesn't yet"
                    + " support 'KILL USER or KILL without a connection id'; use KILL [QUERY] <connection id>");
            done.run();
            return;
        }
        kill(kill.threadId(), kill.queryOnly(), reply, done);
    }

    void kill(long connectionId, boolean queryOnly, int reply, Runnable done) {
        kills.kill(connectionId, queryOnly, reply, done);
    }

    void transactionLostError(int reply) {
        Replies.error(channel, reply, MySqlError.ER_LOCK_DEADLOCK, "Deadlock found when trying to get lock; try"
                + " restarting transaction (Shardline lost the backend connection holding this transaction: "
                + session.transactionLostReason() + "; it was rolled back. Send ROLLBACK, then retry the transaction)");
    }

    ProxyRuntime runtime() {
        return runtime;
    }
}
