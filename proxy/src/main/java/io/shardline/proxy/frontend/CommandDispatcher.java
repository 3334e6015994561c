package io.shardline.proxy.frontend;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.shardline.proxy.ProxyRuntime;
import io.shardline.proxy.backend.ResponseKind;
import io.shardline.proxy.cache.ResponseRecorder;
import io.shardline.proxy.cache.ResultCaching;
import java.util.function.Function;
import io.shardline.proxy.metrics.ReadWriteMetrics;
import io.shardline.proxy.execute.CommandExecutor;
import io.shardline.proxy.execute.StatementTraits;
import io.shardline.proxy.execute.TraitsOf;
import io.shardline.proxy.protocol.MySqlError;
import io.shardline.proxy.protocol.command.ClientCommand;
import io.shardline.proxy.protocol.command.ComChangeUser;
import io.shardline.proxy.protocol.command.ComFieldList;
import io.shardline.proxy.protocol.command.ComInitDb;
import io.shardline.proxy.protocol.command.ComPing;
import io.shardline.proxy.protocol.command.ComProcessKill;
import io.shardline.proxy.protocol.command.ComQuery;
import io.shardline.proxy.protocol.command.ComQuit;
import io.shardline.proxy.protocol.command.ComResetConnection;
import io.shardline.proxy.protocol.command.ComSetOption;
import io.shardline.proxy.protocol.command.ComStatistics;
import io.shardline.proxy.protocol.command.ComStmtClose;
import io.shardline.proxy.protocol.command.ComStmtExecute;
import io.shardline.proxy.protocol.command.ComStmtFetch;
import io.shardline.proxy.protocol.command.ComStmtPrepare;
import io.shardline.proxy.protocol.command.ComStmtReset;
import io.shardline.proxy.protocol.command.ComStmtSendLongData;
import io.shardline.proxy.protocol.command.ComUnsupported;
import io.shardline.proxy.protocol.command.ForwardedCommand;
import io.shardline.proxy.session.Session;
import io.shardline.router.classify.Classification;
import io.shardline.router.classify.Classifier;
import io.shardline.router.classify.StatementKind;
import io.shardline.router.sql.SqlLexer;
import io.shardline.router.sql.Tokens;
import io.shardline.router.route.ReadWriteDecision;
import io.shardline.router.route.ReadWriteRouter;
import io.shardline.router.route.SessionFacts;
import io.shardline.router.sql.LexerOptions;

/**
 * What the proxy does with each client command. Java 17 has no pattern switch, so this is one chain of
 * instanceof tests over the sealed {@link ClientCommand}; each branch either answers locally or forwards the
 * command to the session's backend, and calls {@code done} exactly once.
 */
final class CommandDispatcher {
    private final ProxyRuntime runtime;
    private final Channel channel;
    private final Session session;
    private final CommandExecutor executor;
    private final SessionCommands sessionCommands;
    private final PreparedCommands prepared;
    private final ShardedQueries sharded;

    private final ReadWriteMetrics metrics;
    private final ErrorWatch errors;
    private final StatementClock clock;
    /** The result cache's parts of this session; both null when the cache is off. */
    private final CachedReads cachedReads;
    private final WriteInvalidation writes;

    CommandDispatcher(ProxyRuntime runtime, FrontendHandler handler, LoginFlow login) {
        this.runtime = runtime;
        this.channel = handler.channel();
        this.session = handler.session();
        this.executor = handler.executor();
        this.sessionCommands = new SessionCommands(runtime, handler, login);
        this.metrics = runtime.choosersFor(channel.eventLoop()).fallback().metrics();
        this.sharded = new ShardedQueries(runtime, channel, session, executor);
        this.errors = channel.pipeline().get(ErrorWatch.class);
        this.clock = new StatementClock(runtime.statementMetrics(), errors, session);
        ResultCaching caching = runtime.caching();
        if (caching != null) {
            ResponseRecorder recorder = channel.pipeline().get(ResponseRecorder.class);
            this.cachedReads = new CachedReads(caching.cache(), caching.policy(), channel, session, recorder);
            this.writes = new WriteInvalidation(caching.cache(), caching.analyzer(), session, recorder);
        } else {
            this.cachedReads = null;
            this.writes = null;
        }
        this.prepared = new PreparedCommands(handler, this::classify, this::routed, each -> decide(each).target(),
                sharded, cachedReads, writes);
    }

    void dispatch(ClientCommand command, int reply, Runnable done) {
        executor.noticeLostBackend();
        if (command instanceof ComQuery query) {
            query(query, reply, clock.start(null, done));
        } else if (command instanceof ComStmtExecute execute) {
            done = timedExecution(execute.statementId(), done);
            if (!refuseInLostTransaction(execute, reply, done)) {
                prepared.execute(execute, reply, done);
            }
        } else if (command instanceof io.shardline.proxy.protocol.command.ComStmtBulkExecute bulk) {
            done = timedExecution(bulk.statementId(), done);
            if (!refuseInLostTransaction(bulk, reply, done)) {
                prepared.bulkExecute(bulk, reply, done);
            }
        } else if (command instanceof ComStmtPrepare prepare) {
            Classification classification = classify(prepare.sqlForClassification());
            if (!refuseInLostTransaction(prepare, classification, reply, done)
                    && !sharded.prepare(prepare, classification, prepared, reply, done)) {
                prepared.prepare(prepare, classification, reply, done);
            }
        } else if (command instanceof ComStmtFetch fetch) {
            prepared.fetch(fetch, reply, done);
        } else if (command instanceof ComStmtReset reset) {
            prepared.reset(reset, reply, done);
        } else if (command instanceof ComStmtSendLongData longData) {
            prepared.longData(longData, done);
        } else if (command instanceof ComStmtClose close) {
            prepared.close(close, done);
        } else if (command instanceof ComInitDb initDb) {
            String home = homeOf(initDb.schema());
            if (home == null) {
                executor.forward(initDb.payload(), reply, ResponseKind.SINGLE, StatementTraits.NONE, done);
            } else {
                executor.forwardTo(home, initDb.payload(), reply, ResponseKind.SINGLE, StatementTraits.NONE, done,
                        null, null);
            }
        } else if (command instanceof ComFieldList fieldList) {
            executor.forward(fieldList.payload(), reply, ResponseKind.FIELD_LIST, StatementTraits.NONE, done);
        } else if (command instanceof ComStatistics) {
            sessionCommands.statistics(reply, done);
        } else if (command instanceof ComPing) {
            Replies.ok(channel, session, reply);
            done.run();
        } else if (command instanceof ComSetOption option) {
            sessionCommands.setOption(option, reply, done);
        } else if (command instanceof ComResetConnection) {
            sessionCommands.resetConnection(reply, done);
        } else if (command instanceof ComChangeUser changeUser) {
            sessionCommands.changeUser(changeUser, done);
        } else if (command instanceof ComProcessKill kill) {
            sessionCommands.kill(kill.connectionId(), false, reply, done);
        } else if (command instanceof ComQuit) {
            channel.close();
            done.run();
        } else if (command instanceof ComUnsupported unsupported) {
            Replies.error(channel, reply, MySqlError.ER_UNKNOWN_COM_ERROR, "Unknown command 0x"
                    + Integer.toHexString(unsupported.code()) + ": Shardline does not serve it; use the SQL statement"
                    + " instead (e.g. SHOW PROCESSLIST, FLUSH, KILL)");
            done.run();
        }
    }

    /** What the session runs now, as text (see {@link StatementClock#runningText}); null between statements. */
    String runningText() {
        return clock.runningText();
    }

    private void query(ComQuery query, int reply, Runnable done) {
        String sql = query.sqlForClassification();
        clock.sql(sql);
        if (cachedReads != null && cachedReads.answered(sql, query.payload(), reply, done)) {
            return;
        }
        LexerOptions options = new LexerOptions(session.noBackslashEscapes(), session.ansiQuotes());
        // One tokenization serves the classifier and, for a sharded schema, the planner.
        Tokens tokens = SqlLexer.tokenize(sql, options);
        Classification classification = Classifier.classifyTokenized(tokens);
        clock.kind(classification.kind());
        if (classification.kind() == StatementKind.KILL) {
            query.payload().release();
            sessionCommands.killStatement(classification.kill(), reply, done);
            return;
        }
        if (classification.kind() == StatementKind.UNKNOWN) {
            String previewed = PreviewCommand.statementOf(sql, options);
            if (previewed != null) {
                query.payload().release();
                new PreviewCommand(channel, session, runtime.rules().current(), runtime.config().defaultDataSource()).answer(previewed, options,
                        reply);
                done.run();
                return;
            }
        }
        if (refuseInLostTransaction(query, classification, reply, done)) {
            return;
        }
        if (writes == null) {
            run(query, tokens, classification, this::routed, reply, done);
            return;
        }
        Runnable finish = writes.statement(() -> tokens, options, classification, done);
        cachedReads.query(query.payload(), tokens, options, classification, reply, finish,
                (then, load) -> run(query, tokens, classification, load ? this::loadFromPrimary : this::routed,
                        reply, then));
    }

    private void run(ComQuery query, Tokens tokens, Classification classification,
                     Function<Classification, StatementTraits> traits, int reply, Runnable done) {
        if (sharded.tryRun(query, tokens, classification, traits, reply, done)) {
            return;
        }
        if (classification.kind() == StatementKind.USE) {
            String home = homeOf(useTarget(tokens));
            if (home != null) {
                executor.forwardTo(home, query.payload(), reply, traits.apply(classification), done);
                return;
            }
        }
        if (!session.branches().isEmpty() && endsBranches(query, classification, reply, done)) {
            return;
        }
        executor.forward(query.payload(), reply, ResponseKind.RESULT, traits.apply(classification), done);
    }

    /**
     * A read whose response the result cache will store runs on the primary: a replica's lag would otherwise be
     * stored and served for the entry's whole TTL, after writes Shardline had already acknowledged.
     */
    private StatementTraits loadFromPrimary(Classification classification) {
        return TraitsOf.statement(classification).on(io.shardline.router.route.Target.PRIMARY, false);
    }

    /**
     * The default data source of a sharded schema, where a session switching to it (COM_INIT_DB, USE) must run
     * the switch: the schema exists there under its own name, not necessarily on the current data source. Null
     * for a schema without sharding rules.
     */
    private String homeOf(String schema) {
        io.shardline.router.rule.SchemaRules rules = runtime.rules().get().schema(schema);
        return rules == null ? null : rules.defaultDataSource();
    }

    /** The schema a {@code USE name} statement names, unquoted; null when it cannot be read. */
    private static String useTarget(Tokens tokens) {
        return tokens.size() >= 2 && tokens.isWord(0, "USE")
                ? io.shardline.router.sql.Identifiers.plain(tokens.text(1)) : null;
    }

    /**
     * A transaction with branches on other data sources: COMMIT, ROLLBACK and BEGIN (which commits first) end the
     * branches too; savepoints, which only the first connection would keep, are refused.
     */
    private boolean endsBranches(ComQuery query, Classification classification, int reply, Runnable done) {
        StatementKind kind = classification.kind();
        if (kind == StatementKind.COMMIT || kind == StatementKind.ROLLBACK || kind == StatementKind.BEGIN) {
            executor.endTransaction(kind != StatementKind.ROLLBACK, query.payload(), reply, routed(classification),
                    done);
            return true;
        }
        if (kind == StatementKind.SAVEPOINT) {
            query.payload().release();
            Replies.error(channel, reply, MySqlError.ER_NOT_SUPPORTED_YET, "Shardline: savepoints in a transaction"
                    + " across data sources are not supported yet; commit or roll back the whole transaction");
            done.run();
            return true;
        }
        return false;
    }

    /** {@code done}, timed by the session's clock as an execution of the prepared statement {@code statementId}. */
    private Runnable timedExecution(long statementId, Runnable done) {
        io.shardline.proxy.session.ClientStatement statement = session.statements().get(statementId);
        Runnable result = clock.start(statement == null ? StatementKind.UNKNOWN
                : statement.classification().kind(), done);
        clock.statement(statement);
        return result;
    }

    /** The traits of a statement about to run, with where it runs: primary or replica (read/write splitting). */
    private StatementTraits routed(Classification classification) {
        ReadWriteDecision decision = decide(classification);
        metrics.decided(decision);
        boolean retryable = decision.target().replicaEligible() && session.autocommit() && !session.inTransaction();
        return TraitsOf.statement(classification).on(decision.target(), retryable);
    }

    private ReadWriteDecision decide(Classification classification) {
        return ReadWriteRouter.decide(classification, new SessionFacts(session.inTransaction(),
                session.autocommit(), session.holdsPrimaryState()));
    }

    private Classification classify(String sql) {
        return Classifier.classify(sql, new LexerOptions(session.noBackslashEscapes(), session.ansiQuotes()));
    }

    /** An execution in a lost transaction fails like any other statement there. */
    private boolean refuseInLostTransaction(ForwardedCommand command, int reply, Runnable done) {
        if (session.transactionLostReason() == null) {
            return false;
        }
        command.payload().release();
        sessionCommands.transactionLostError(reply);
        done.run();
        return true;
    }

    private boolean refuseInLostTransaction(ForwardedCommand command, Classification classification, int reply,
                                            Runnable done) {
        if (session.transactionLostReason() == null) {
            return false;
        }
        ByteBuf payload = command.payload();
        payload.release();
        if (classification.kind() == StatementKind.ROLLBACK) {
            session.transactionLost(null);
            Replies.ok(channel, session, reply);
        } else {
            sessionCommands.transactionLostError(reply);
            if (classification.kind() == StatementKind.COMMIT) {
                session.transactionLost(null);
            }
        }
        done.run();
        return true;
    }

    ProxyRuntime runtime() {
        return runtime;
    }
}
