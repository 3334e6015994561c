package io.shardline.proxy.frontend;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.shardline.proxy.protocol.LogicalColumnNames;
import io.netty.channel.Channel;
import io.shardline.proxy.backend.ResponseKind;
import io.shardline.proxy.execute.CommandExecutor;
import io.shardline.proxy.execute.PreparedExecution;
import io.shardline.proxy.execute.StatementKey;
import io.shardline.proxy.execute.StatementTraits;
import io.shardline.proxy.execute.TraitsOf;
import io.shardline.proxy.protocol.CommandCode;
import io.shardline.proxy.protocol.MySqlError;
import io.shardline.proxy.protocol.command.ComStmtBulkExecute;
import io.shardline.proxy.protocol.command.ComStmtClose;
import io.shardline.proxy.protocol.command.ComStmtExecute;
import io.shardline.proxy.protocol.command.ComStmtFetch;
import io.shardline.proxy.protocol.command.ComStmtPrepare;
import io.shardline.proxy.protocol.command.ComStmtReset;
import io.shardline.proxy.protocol.command.ComStmtSendLongData;
import io.shardline.proxy.protocol.command.ForwardedCommand;
import io.shardline.proxy.session.ClientStatement;
import io.shardline.proxy.session.PinReason;
import io.shardline.proxy.session.Session;
import io.shardline.router.classify.Classification;
import io.shardline.router.route.Target;
import io.shardline.router.sql.LexerOptions;
import io.shardline.router.sql.SqlLexer;
import java.util.function.Function;

/**
 * The binary-protocol commands, with statements kept by the proxy: the client knows a statement by the proxy's id;
 * each execution runs where its text routes it (a prepared SELECT on a replica) and is prepared on that
 * connection when needed (see {@link PreparedExecution}). So prepared statements never tie a session to one
 * backend connection; only an open cursor does, until it is closed.
 */
final class PreparedCommands {
    private final Channel channel;
    private final Session session;
    private final CommandExecutor executor;
    private final Function<String, Classification> classifier;
    private final Function<Classification, StatementTraits> router;
    private final Function<Classification, Target> preparedOn;
    private final ShardedQueries sharded;
    /** The result cache's parts of this session; null when the cache is off. */
    private final CachedReads cachedReads;
    private final WriteInvalidation writes;

    /**
     * @param router the traits of a statement about to execute, with its route (counted in the metrics)
     * @param preparedOn where a statement being prepared would run, not counted: it does not run yet
     */
    PreparedCommands(FrontendHandler handler, Function<String, Classification> classifier,
                     Function<Classification, StatementTraits> router, Function<Classification, Target> preparedOn,
                     ShardedQueries sharded, CachedReads cachedReads, WriteInvalidation writes) {
        this.sharded = sharded;
        this.cachedReads = cachedReads;
        this.writes = writes;
        this.channel = handler.channel();
        this.session = handler.session();
        this.executor = handler.executor();
        this.classifier = classifier;
        this.router = router;
        this.preparedOn = preparedOn;
    }

    void prepare(ComStmtPrepare command, Classification classification, int reply, Runnable done) {
        ByteBuf payload = command.payload();
        byte[] sql = ByteBufUtil.getBytes(payload, payload.readerIndex() + 1, payload.readableBytes() - 1);
        int id = session.statements().nextId();
        session.statements().preparing();
        StatementTraits where = StatementTraits.preparing(preparedOn.apply(classification));
        executor.forward(payload, reply, ResponseKind.PREPARE, where, done, null,
                (connection, backendId, parameters, columns) -> {
                    long evicted = connection.statements().put(StatementKey.of(session, sql), backendId, parameters);
                    if (evicted >= 0) {
                        connection.sendNoReply(channel.alloc().buffer(5).writeByte(CommandCode.COM_STMT_CLOSE)
                                .writeIntLE((int) evicted));
                    }
                    session.statements().add(new ClientStatement(id, sql, classification, parameters));
                    return id;
                });
    }

    /**
     * A statement on sharded tables: prepared on {@code dataSource} as {@code backendPayload} (its first actual
     * table), for the definitions the client needs; the backend's statement is closed at once, since each execution
     * is planned anew with its parameters.
     */
    void prepareElsewhere(ComStmtPrepare command, Classification classification, String dataSource,
                          ByteBuf backendPayload, int reply, Runnable done, LogicalColumnNames names) {
        ByteBuf payload = command.payload();
        byte[] sql = ByteBufUtil.getBytes(payload, payload.readerIndex() + 1, payload.readableBytes() - 1);
        payload.release();
        int id = session.statements().nextId();
        session.statements().preparing();
        executor.forwardTo(dataSource, backendPayload, reply, ResponseKind.PREPARE,
                StatementTraits.preparing(Target.PRIMARY), done, (connection, backendId, parameters, columns) -> {
                    connection.sendNoReply(channel.alloc().buffer(5).writeByte(CommandCode.COM_STMT_CLOSE)
                            .writeIntLE((int) backendId));
                    session.statements().add(new ClientStatement(id, sql, classification, parameters, true));
                    return id;
                }, names);
    }

    void execute(ComStmtExecute command, int reply, Runnable done) {
        run(command, command.statementId(), "mysqld_stmt_execute", reply, done);
    }

    void bulkExecute(ComStmtBulkExecute command, int reply, Runnable done) {
        run(command, command.statementId(), "mysqld_stmt_bulk_execute", reply, done);
    }

    private void run(ForwardedCommand command, long id, String name, int reply, Runnable done) {
        ClientStatement statement = known(command, id, name, reply, done);
        if (statement == null) {
            return;
        }
        if (command instanceof ComStmtExecute) {
            statement.learnTypes(command.payload());
        }
        if (writes == null) {
            run(command, statement, router.apply(statement.classification()), reply, done);
            return;
        }
        LexerOptions options = new LexerOptions(session.noBackslashEscapes(), session.ansiQuotes());
        Runnable finish = writes.statement(() -> SqlLexer.tokenize(statement.latin1Text(), options), options,
                statement.classification(), done);
        if (command instanceof ComStmtExecute execute) {
            cachedReads.execute(command.payload(), statement, execute.opensCursor(), reply, finish,
                    (then, load) -> run(command, statement, load
                            ? TraitsOf.statement(statement.classification()).on(Target.PRIMARY, false)
                            : router.apply(statement.classification()), reply, then));
        } else {
            run(command, statement, router.apply(statement.classification()), reply, finish);
        }
    }

    private void run(ForwardedCommand command, ClientStatement statement, StatementTraits traits, int reply,
                     Runnable done) {
        if (statement.sharded()) {
            if (command instanceof ComStmtExecute) {
                sharded.executePrepared(command.payload(), statement, traits, reply, done);
            } else {
                command.payload().release();
                Replies.error(channel, reply, MySqlError.ER_NOT_SUPPORTED_YET, "Shardline: bulk execution of a"
                        + " statement on sharded tables is not supported yet; execute it row by row");
                done.run();
            }
        } else {
            executor.forward(command.payload(), reply, ResponseKind.BINARY_RESULT, traits, done,
                    new PreparedExecution(session, statement), null);
        }
    }

    /** Fetching needs the cursor, which lives on the connection that executed the statement. */
    void fetch(ComStmtFetch command, int reply, Runnable done) {
        ClientStatement statement = known(command, command.statementId(), "mysqld_stmt_fetch", reply, done);
        if (statement == null) {
            return;
        }
        if (!session.pins().contains(PinReason.CURSOR) || session.backend() == null) {
            command.payload().release();
            Replies.error(channel, reply, MySqlError.ER_STMT_HAS_NO_OPEN_CURSOR, "The statement ("
                    + command.statementId() + ") has no open cursor.");
            done.run();
            return;
        }
        executor.forward(command.payload(), reply, ResponseKind.FETCH, StatementTraits.CONTINUATION, done,
                new PreparedExecution(session, statement), null);
    }

    void reset(ComStmtReset command, int reply, Runnable done) {
        ClientStatement statement = known(command, command.statementId(), "mysqld_stmt_reset", reply, done);
        if (statement == null) {
            return;
        }
        statement.clearLongData();
        if (session.pins().contains(PinReason.CURSOR) && session.backend() != null) {
            executor.forward(command.payload(), reply, ResponseKind.SINGLE, StatementTraits.CONTINUATION, done,
                    new PreparedExecution(session, statement), null);
            return;
        }
        command.payload().release();
        Replies.ok(channel, session, reply);
        done.run();
    }

    /** Kept until the next execution, which may run on another connection; no response, as the server sends none. */
    void longData(ComStmtSendLongData command, Runnable done) {
        ByteBuf payload = command.payload();
        ClientStatement statement = session.statements().get(command.statementId());
        if (statement != null && payload.readableBytes() >= 7) {
            int parameter = payload.getUnsignedShortLE(payload.readerIndex() + 5);
            statement.appendLongData(channel.alloc(), parameter,
                    payload.retainedSlice(payload.readerIndex() + 7, payload.readableBytes() - 7));
        }
        payload.release();
        done.run();
    }

    void close(ComStmtClose command, Runnable done) {
        session.statements().remove(command.statementId());
        command.payload().release();
        done.run();
    }

    private ClientStatement known(ForwardedCommand command, long id, String name, int reply, Runnable done) {
        ClientStatement result = session.statements().get(id);
        if (result == null) {
            command.payload().release();
            Replies.error(channel, reply, MySqlError.ER_UNKNOWN_STMT_HANDLER, "Unknown prepared statement handler ("
                    + id + ") given to " + name);
            done.run();
        }
        return result;
    }
}
