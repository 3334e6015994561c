package io.shardline.proxy.frontend;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.shardline.proxy.ProxyRuntime;
import io.shardline.proxy.backend.BackendConnection;
import io.shardline.proxy.execute.CommandExecutor;
import io.shardline.proxy.execute.StatementTraits;
import io.shardline.proxy.metrics.Route;
import io.shardline.proxy.execute.ParameterBinder;
import io.shardline.proxy.execute.PreparedExecution;
import io.shardline.proxy.backend.ResponseKind;
import io.shardline.proxy.protocol.CommandCode;
import io.shardline.proxy.session.ClientStatement;
import io.shardline.proxy.protocol.ErrPacket;
import io.shardline.proxy.protocol.LogicalColumnNames;
import io.shardline.proxy.protocol.MySqlError;
import io.shardline.proxy.protocol.command.ComQuery;
import io.shardline.proxy.protocol.command.ComStmtPrepare;
import io.shardline.proxy.session.PinReason;
import io.shardline.proxy.session.Session;
import io.shardline.router.algorithm.ShardingException;
import io.shardline.router.classify.Classification;
import io.shardline.router.classify.StatementKind;
import io.shardline.router.plan.ColumnsNeeded;
import io.shardline.router.plan.UnparsableStatement;
import io.shardline.router.plan.Mentions;
import io.shardline.router.plan.NodeStatement;
import io.shardline.router.plan.ShardPlan;
import io.shardline.proxy.execute.MergeSettings;
import io.shardline.router.merge.MergePlan;
import io.shardline.router.merge.RowRewrite;
import io.shardline.router.rewrite.MetadataRewrite;
import io.shardline.router.rewrite.TableRenamer;
import io.shardline.router.rule.DataNode;
import io.shardline.router.rule.SchemaRules;
import io.shardline.router.rule.TableRule;
import io.shardline.router.sql.Digest;
import io.shardline.router.sql.LexerOptions;
import io.shardline.router.sql.LiteralValues;
import io.shardline.router.sql.SqlLexer;
import io.shardline.router.sql.Tokens;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Text-protocol statements of a session in a sharded schema that name one of its sharded or broadcast tables:
 * planned by the sharding rules and run where the plan says, on one data source through the executor, on several
 * through a scatter. Everything else in such a session (SET, BEGIN, reads of ordinary tables) is not taken here
 * and runs on the schema's default data source like any statement.
 *
 * <p>A transaction reaches other data sources through branches, one connection per data source, which COMMIT and
 * ROLLBACK end together; a session bound to one connection for other reasons (a lock, user variables, a temporary
 * table) can reach no other data source, and such statements are refused with the reason.
 */
final class ShardedQueries {
    /** The statement kinds the planner routes; other kinds that name a sharded table are refused or described. */
    private static final Set<StatementKind> PLANNED = EnumSet.of(StatementKind.SELECT, StatementKind.INSERT,
            StatementKind.UPDATE, StatementKind.DELETE, StatementKind.REPLACE, StatementKind.DDL);

    private final ProxyRuntime runtime;
    private final Channel channel;
    private final Session session;
    private final CommandExecutor executor;
    /** The logical names the shards' column definitions get, for the rules {@link #columnNamesOf}. */
    private LogicalColumnNames columnNames;
    private SchemaRules columnNamesOf;

    ShardedQueries(ProxyRuntime runtime, Channel channel, Session session, CommandExecutor executor) {
        this.runtime = runtime;
        this.channel = channel;
        this.session = session;
        this.executor = executor;
    }

    /**
     * Runs the statement when the session's schema is sharded and the statement names one of its placed tables;
     * returns false, owning nothing, otherwise. {@code traits} gives the statement's traits with its read/write
     * target (asked only when the statement is taken).
     *
     * @param classified the tokens the statement was classified by (of its bytes read one to one): reused when
     *     the statement is ASCII, as it nearly always is
     */
    boolean tryRun(ComQuery query, Tokens classified, Classification classification,
                   Function<Classification, StatementTraits> traits, int reply, Runnable done) {
        SchemaRules rules = runtime.rules().get().schema(session.schema());
        if (rules == null) {
            return false;
        }
        SqlText text = SqlText.of(query.payload(), classified.source());
        Tokens tokens = text.sql().equals(classified.source()) ? classified : SqlLexer.tokenize(text.sql(), options());
        MetadataRewrite metadata = metadataOf(tokens, classification.kind(), rules);
        if (!takes(tokens, classification.kind(), rules, metadata)) {
            return false;
        }
        ByteBuf payload = query.payload();
        try {
            execute(text, tokens, rules, classification, traits.apply(classification), reply, done, false, metadata,
                    payload);
        } finally {
            payload.release();
        }
        return true;
    }

    /** The rewrite of a metadata statement (SHOW TABLES, information_schema) to logical names, or null. */
    private static MetadataRewrite metadataOf(Tokens tokens, StatementKind kind, SchemaRules rules) {
        return kind == StatementKind.SHOW || kind == StatementKind.SELECT
                ? MetadataRewrite.of(tokens, rules, rules.defaultDataSource()) : null;
    }

    private LexerOptions options() {
        return new LexerOptions(session.noBackslashEscapes(), session.ansiQuotes());
    }

    /** Whether the sharding rules have a say in the statement (see {@link #execute}). */
    private static boolean takes(Tokens tokens, StatementKind kind, SchemaRules rules, MetadataRewrite metadata) {
        if (metadata != null) {
            return true;
        }
        return PLANNED.contains(kind) ? Mentions.placedTable(tokens, rules) : Mentions.shardedTable(tokens, rules) != null;
    }

    /**
     * Metadata statements get logical table names; SHOW/EXPLAIN of a sharded table is answered by its first actual
     * table; other statement kinds naming one are refused; the rest is planned and run.
     *
     * @param binary the statement is a prepared statement's execution: rows go in the binary protocol
     * @param clientPayload the client's COM_QUERY, for the time of this call (not owned): sent to the shard as it
     *     is when the plan's one statement is the client's own text; null when there is none
     */
    private void execute(SqlText text, Tokens tokens, SchemaRules rules, Classification classification,
                         StatementTraits traits, int reply, Runnable done, boolean binary, MetadataRewrite metadata,
                         ByteBuf clientPayload) {
        StatementKind kind = classification.kind();
        if (metadata != null && (kind == StatementKind.SHOW || Mentions.shardedTable(tokens, rules) == null)) {
            collect(new ShardPlan(List.of(new NodeStatement(rules.defaultDataSource(), metadata.sql())), null),
                    mergeSettings(null, metadata, binary, true, null), text, traits, reply, done);
            return;
        }
        if (!PLANNED.contains(kind)) {
            if (kind == StatementKind.SHOW || kind == StatementKind.EXPLAIN) {
                NodeStatement first = firstShard(tokens, rules);
                collect(new ShardPlan(List.of(first), null), mergeSettings(null, MetadataRewrite.ofFirstShard(
                        first.sql(), rules, first.dataSource()), binary, true, null), text, traits, reply, done);
            } else if (kind == StatementKind.UNKNOWN) {
                serversError(tokens, rules, new UnparsableStatement("not a statement Shardline knows"), text, reply,
                        done);
            } else {
                refuse(reply, done, kind.name().toLowerCase(Locale.ROOT).replace('_', ' ') + " statements on"
                        + " sharded table " + Mentions.shardedTable(tokens, rules) + " are not supported yet");
            }
            return;
        }
        ShardPlan plan;
        try {
            plan = runtime.planner().route(tokens, rules, options(), List.of(), runtime.keys()::nextId,
                    table -> runtime.tableColumns().get(rules.name(), table));
        } catch (ColumnsNeeded e) {
            learnColumns(rules, e, () -> execute(text, tokens, rules, classification, traits, reply, done, binary,
                    metadata, null), reply, done);
            return;
        } catch (UnparsableStatement e) {
            serversError(tokens, rules, e, text, reply, done);
            return;
        } catch (ShardingException e) {
            Replies.error(channel, reply, PreviewCommand.errorOf(e));
            done.run();
            return;
        }
        if (kind == StatementKind.DDL) {
            runtime.tableColumns().forget(rules.name());
        }
        if (binary) {
            collect(plan, mergeSettings(plan.merge(), null, true, kind == StatementKind.SELECT,
                    columnNames(rules)), text, traits, reply, done);
        } else {
            run(plan, rules, text, traits, reply, done, kind == StatementKind.SELECT, clientPayload);
        }
    }

    /**
     * A statement the parser cannot read: the first shard's server says what is wrong with it (its syntax error,
     * its missing table), with logical table names put back, as one server would; if the server can prepare it, it
     * is valid SQL beyond the parser, and refused.
     */
    private void serversError(Tokens tokens, SchemaRules rules, UnparsableStatement refusal, SqlText text,
                              int reply, Runnable done) {
        NodeStatement first = firstShard(tokens, rules);
        executor.askPrepare(first.dataSource(), first.sql().getBytes(text.charset()))
                .addListener(answered -> {
                    if (answered.cause() instanceof io.shardline.proxy.backend.BackendErrorException wrong) {
                        ErrPacket error = wrong.error();
                        String message = error.message();
                        for (String logical : rules.tables().keySet()) {
                            List<String> actual = rules.table(logical).tablesOn(first.dataSource());
                            if (!actual.isEmpty()) {
                                message = message.replace(actual.get(0), logical);
                            }
                        }
                        Replies.error(channel, reply, new ErrPacket(error.code(), error.sqlState(), message));
                    } else {
                        Replies.error(channel, reply, PreviewCommand.errorOf(refusal));
                    }
                    done.run();
                });
    }

    /**
     * Reads a sharded table's columns from its first actual table's definition, then plans again ({@code retry});
     * a table that does not exist gets MySQL's error for it.
     */
    private void learnColumns(SchemaRules rules, ColumnsNeeded needed, Runnable retry, int reply, Runnable done) {
        DataNode first = rules.table(needed.table()).dataNodes().get(0);
        String sql = "SELECT COLUMN_NAME FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = '"
                + rules.actualDatabase(first.dataSource()).replace("'", "''") + "' AND TABLE_NAME = '"
                + first.table().replace("'", "''") + "' ORDER BY ORDINAL_POSITION";
        executor.ask(first.dataSource(), sql).addListener(answered -> {
            if (!answered.isSuccess()) {
                Replies.error(channel, reply, CommandExecutor.errorFor(answered.cause()));
                done.run();
                return;
            }
            List<String> columns = ((io.shardline.proxy.backend.InternalResult) answered.getNow()).rows().stream()
                    .map(row -> row.get(0)).toList();
            if (columns.isEmpty()) {
                Replies.error(channel, reply, new ErrPacket(1146, "42S02", "Table '" + rules.name() + "."
                        + needed.table() + "' doesn't exist"));
                done.run();
                return;
            }
            runtime.tableColumns().put(rules.name(), needed.table(), columns);
            retry.run();
        });
    }

    /**
     * Prepares a binary-protocol statement (COM_STMT_PREPARE) that names a sharded table, or writes a broadcast
     * table, on the first actual table's data source, for the column and parameter definitions the client
     * expects; its executions are planned one by one with their parameter values ({@link #executePrepared}).
     * Returns false, owning nothing, for any other statement.
     */
    boolean prepare(ComStmtPrepare prepare, Classification classification, PreparedCommands prepared, int reply,
                    Runnable done) {
        SchemaRules rules = runtime.rules().get().schema(session.schema());
        if (rules == null) {
            return false;
        }
        SqlText text = SqlText.of(prepare.payload());
        Tokens tokens = SqlLexer.tokenize(text.sql(), options());
        boolean broadcastWrite = classification.kind() != StatementKind.SELECT && Mentions.placedTable(tokens, rules);
        if (Mentions.shardedTable(tokens, rules) == null && !broadcastWrite) {
            return false;
        }
        NodeStatement first = firstShard(tokens, rules);
        byte[] actual = first.sql().getBytes(text.charset());
        prepared.prepareElsewhere(prepare, classification, first.dataSource(), channel.alloc()
                .buffer(1 + actual.length).writeByte(CommandCode.COM_STMT_PREPARE).writeBytes(actual), reply, done,
                columnNames(rules));
        return true;
    }

    /**
     * One execution of a statement {@link #prepare} took: planned with its parameter values; run as a prepared
     * statement on the one shard they place it on ({@link #executeOnOneShard}), else with its parameters bound into
     * its text, its shards' rows merged and sent in the binary protocol.
     */
    void executePrepared(ByteBuf payload, ClientStatement statement, StatementTraits traits, int reply,
                         Runnable done) {
        SchemaRules rules = runtime.rules().get().schema(session.schema());
        int flags = payload.getUnsignedByte(payload.readerIndex() + 5);
        if (rules == null || flags != 0) {
            payload.release();
            refuse(reply, done, rules == null ? "the session left the sharded schema the statement was prepared in;"
                    + " prepare it again" : "cursors (COM_STMT_EXECUTE with a cursor type) on sharded tables are not"
                    + " supported yet; read the rows without a cursor");
            return;
        }
        boolean withLongData = statement.hasLongData(); // asked before literals() consumes it
        SqlText prepared = SqlText.of(statement.sql(), statement.latin1Text());
        List<String> literals;
        try {
            literals = ParameterBinder.literals(payload, statement, options());
        } catch (io.shardline.proxy.protocol.MalformedPacketException | IndexOutOfBoundsException e) {
            // a parameter value shorter than its type says
            payload.release();
            Replies.error(channel, reply, MySqlError.ER_MALFORMED_PACKET, "Malformed communication packet: "
                    + e.getMessage());
            done.run();
            return;
        }
        if (!withLongData && executeOnOneShard(payload, statement, prepared, literals, rules, traits, reply, done)) {
            return;
        }
        payload.release();
        String sql = ParameterBinder.substitute(prepared.sql(), literals, options());
        SqlText text = prepared.with(sql);
        Tokens tokens = SqlLexer.tokenize(sql, options());
        execute(text, tokens, rules, statement.classification(), traits, reply, done, true,
                metadataOf(tokens, statement.classification().kind(), rules), null);
    }

    /**
     * A SELECT, UPDATE or DELETE execution whose parameters place it on one shard, with nothing to merge: the
     * shard runs it as a prepared statement of its own version of the text (its actual tables, the same
     * parameters; prepared on the connection when needed) and its binary answer is relayed as it comes, rather
     * than bound into text, run, and its rows converted. Returns false, owning nothing, for any other execution.
     */
    private boolean executeOnOneShard(ByteBuf payload, ClientStatement statement, SqlText prepared,
                                      List<String> literals, SchemaRules rules, StatementTraits traits, int reply,
                                      Runnable done) {
        StatementKind kind = statement.classification().kind();
        if (kind != StatementKind.SELECT && kind != StatementKind.UPDATE && kind != StatementKind.DELETE) {
            return false;
        }
        LexerOptions options = options();
        List<Object> values = LiteralValues.of(literals, options);
        if (values == null) {
            return false;
        }
        ClientStatement.Planned planned = statement.planned();
        if (planned == null || !planned.options().equals(options)) {
            Tokens tokens = SqlLexer.tokenize(prepared.sql(), options);
            planned = new ClientStatement.Planned(options, tokens, Digest.of(tokens, options));
            statement.planned(planned);
        }
        if (metadataOf(planned.tokens(), kind, rules) != null) {
            return false;
        }
        ShardPlan plan;
        try {
            plan = runtime.planner().route(planned.tokens(), planned.digest(), rules, options, values,
                    runtime.keys()::nextId, table -> runtime.tableColumns().get(rules.name(), table));
        } catch (ShardingException e) {
            return false; // refused (or found unparsable) as the bound text, with the same reason
        }
        List<NodeStatement> statements = plan.statements();
        if (statements.size() != 1 || plan.merge() != null || needsBranch(statements.get(0))
                || pinnedElsewhere(statements) != null) {
            return false;
        }
        NodeStatement only = statements.get(0);
        byte[] sql = only.sql().equals(prepared.sql()) ? statement.sql() : only.sql().getBytes(prepared.charset());
        session.trace().route(Route.SHARDS_1);
        executor.forwardTo(only.dataSource(), payload, reply, ResponseKind.BINARY_RESULT, traits, done,
                new PreparedExecution(session, statement, sql), null, columnNames(rules));
        return true;
    }

    /**
     * SHOW and EXPLAIN of a sharded table (DESCRIBE, SHOW COLUMNS, SHOW CREATE TABLE, EXPLAIN SELECT ...) are
     * answered by its first actual table: every shard has the same columns.
     */
    private static NodeStatement firstShard(Tokens tokens, SchemaRules rules) {
        String named = Mentions.shardedTable(tokens, rules);
        String dataSource = named == null ? rules.defaultDataSource()
                : rules.table(named).dataNodes().get(0).dataSource();
        Map<String, String> actual = new java.util.LinkedHashMap<>();
        for (String logical : rules.tables().keySet()) {
            List<String> there = rules.table(logical).tablesOn(dataSource);
            if (!there.isEmpty()) {
                actual.put(logical, there.get(0));
            }
        }
        return new NodeStatement(dataSource, TableRenamer.rename(tokens, actual,
                rules.name().toLowerCase(Locale.ROOT), rules.actualDatabase(dataSource)));
    }

    /**
     * Runs a plan whose rows are merged before the client gets them: to be rewritten (metadata), or sent in the
     * binary protocol. A SELECT whose merge is at most an ORDER BY streams; the others are collected.
     */
    private void collect(ShardPlan plan, MergeSettings settings, SqlText text, StatementTraits traits, int reply,
                         Runnable done) {
        String problem = pinnedElsewhere(plan.statements());
        if (problem != null) {
            refuse(reply, done, problem);
            return;
        }
        session.trace().route(routeOf(plan.statements()));
        executor.scatter(plan.statements(), settings, text.charset(), traits.target(), reply, done, true);
    }

    /**
     * @param merge the planner's merge; null when the rows only need putting together
     * @param rewrite a change to the merged rows (logical names in metadata); null for none
     * @param reads the statement is a SELECT (its shards answer with rows)
     * @param names the logical names for the shards' column definitions; null to keep them
     */
    private MergeSettings mergeSettings(MergePlan merge, RowRewrite rewrite, boolean binary, boolean reads,
                                        LogicalColumnNames names) {
        return new MergeSettings(merge != null ? merge : MergePlan.asTheyCome(), runtime.collations(),
                runtime.rules().get().mergeMemoryLimit(), rewrite, binary, reads, names);
    }

    /**
     * @param reads the statement is a SELECT: without a merge its rows stream shard after shard
     * @param clientPayload as for {@link #execute}
     */
    private void run(ShardPlan plan, SchemaRules rules, SqlText text, StatementTraits traits, int reply, Runnable done,
                     boolean reads, ByteBuf clientPayload) {
        List<NodeStatement> statements = plan.statements();
        String problem = pinnedElsewhere(statements);
        if (problem != null) {
            refuse(reply, done, problem);
            return;
        }
        session.trace().route(routeOf(statements));
        if (statements.size() == 1 && !needsBranch(statements.get(0))) {
            NodeStatement only = statements.get(0);
            // The client's own text (its tables named as on the shard): its bytes go as they came, not re-encoded.
            ByteBuf command = clientPayload != null && only.sql().equals(text.sql())
                    ? clientPayload.retainedDuplicate() : comQuery(only.sql(), text);
            executor.forwardTo(only.dataSource(), command, reply, traits, done, columnNames(rules));
        } else {
            executor.scatter(statements, new MergeSettings(plan.merge(), runtime.collations(),
                    runtime.rules().get().mergeMemoryLimit(), null, false, reads, columnNames(rules)),
                    text.charset(), traits.target(), reply, done, plan.merge() != null || !reads);
        }
    }

    /** How the statement metrics label a plan: one data node, several, or a broadcast table's copies. */
    private static Route routeOf(List<NodeStatement> statements) {
        if (statements.size() == 1) {
            return Route.SHARDS_1;
        }
        return statements.get(statements.size() - 1).copy() ? Route.BROADCAST : Route.SHARDS_N;
    }

    /**
     * Why the plan cannot run with the connection the session is bound to, or null when it can. A transaction
     * reaches other data sources through branches (one connection per data source, ended together); other bonds
     * (a lock, user variables, a temporary table) live on one connection only.
     */
    private String pinnedElsewhere(List<NodeStatement> plan) {
        BackendConnection held = session.backend();
        if (held == null || !held.isUsable() || !session.keepsBackend() || onlyTransaction()) {
            return null;
        }
        Set<String> sources = new LinkedHashSet<>();
        plan.forEach(each -> sources.add(each.dataSource()));
        String home = held.server().dataSource();
        if (sources.size() > 1 || !sources.contains(home)) {
            return "this statement reaches data source(s) " + String.join(", ", sources) + " but the session is"
                    + " bound to one connection on " + home + " (" + pinReasons() + "), whose state the others"
                    + " would not see; end that state first (UNLOCK TABLES, drop the temporary table or variables)";
        }
        return null;
    }

    private boolean onlyTransaction() {
        return session.pins().equals(Set.of(PinReason.TRANSACTION));
    }

    /** The statement must run on a branch of the session's transaction, not on the connection it began on. */
    private boolean needsBranch(NodeStatement statement) {
        BackendConnection held = session.backend();
        return held != null && held.isUsable() && session.keepsBackend()
                && !held.server().dataSource().equals(statement.dataSource());
    }

    private String pinReasons() {
        List<String> reasons = session.pins().stream().map(each -> each.name().toLowerCase(Locale.ROOT)).toList();
        return reasons.isEmpty() ? "the statement before needs it" : String.join(", ", reasons);
    }

    /**
     * What puts the logical names back into the column definitions the shards of {@code rules} send (cached); null
     * when they need none, so that definitions are not read through for nothing.
     */
    private LogicalColumnNames columnNames(SchemaRules rules) {
        if (rules != columnNamesOf) {
            LogicalColumnNames names = LogicalColumnNames.of(rules);
            columnNames = names.changesNothing() ? null : names;
            columnNamesOf = rules;
        }
        return columnNames;
    }

    private void refuse(int reply, Runnable done, String reason) {
        Replies.error(channel, reply, ErrPacket.of(MySqlError.ER_NOT_SUPPORTED_YET, "Shardline: " + reason));
        done.run();
    }

    private ByteBuf comQuery(String sql, SqlText text) {
        byte[] bytes = sql.getBytes(text.charset());
        return channel.alloc().buffer(1 + bytes.length).writeByte(CommandCode.COM_QUERY).writeBytes(bytes);
    }
}
