package io.shardline.proxy.frontend;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.shardline.proxy.ProxyRuntime;
import io.shardline.proxy.backend.BackendConnection;
import io.shardline.proxy.execute.CommandExecutor;
import io.shardline.proxy.execute.StatementTraits;
import io.shardline.proxy.protocol.CommandCode;
import io.shardline.proxy.protocol.ErrPacket;
import io.shardline.proxy.protocol.MySqlError;
import io.shardline.proxy.protocol.command.ComQuery;
import io.shardline.proxy.protocol.command.ComStmtPrepare;
import io.shardline.proxy.session.PinReason;
import io.shardline.proxy.session.Session;
import io.shardline.router.algorithm.ShardingException;
import io.shardline.router.classify.Classification;
import io.shardline.router.classify.StatementKind;
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
import io.shardline.router.sql.LexerOptions;
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
     */
    boolean tryRun(ComQuery query, Classification classification, Function<Classification, StatementTraits> traits,
                   int reply, Runnable done) {
        SchemaRules rules = runtime.config().sharding().schema(session.schema());
        if (rules == null) {
            return false;
        }
        LexerOptions options = new LexerOptions(session.noBackslashEscapes(), session.ansiQuotes());
        SqlText text = SqlText.of(query.payload());
        Tokens tokens = SqlLexer.tokenize(text.sql(), options);
        StatementKind kind = classification.kind();
        MetadataRewrite metadata = kind == StatementKind.SHOW || kind == StatementKind.SELECT
                ? MetadataRewrite.of(tokens, rules, rules.defaultDataSource()) : null;
        if (metadata != null && (kind == StatementKind.SHOW || Mentions.shardedTable(tokens, rules) == null)) {
            query.payload().release();
            collect(new NodeStatement(rules.defaultDataSource(), metadata.sql()), metadata, text,
                    traits.apply(classification), reply, done);
            return true;
        }
        if (!PLANNED.contains(kind)) {
            String table = Mentions.shardedTable(tokens, rules);
            if (table == null) {
                return false;
            }
            query.payload().release();
            if (kind == StatementKind.SHOW || kind == StatementKind.EXPLAIN) {
                NodeStatement first = firstShard(tokens, rules);
                collect(first, MetadataRewrite.ofFirstShard(first.sql(), rules, first.dataSource()), text,
                        traits.apply(classification), reply, done);
            } else {
                refuse(reply, done, classification.kind().name().toLowerCase(Locale.ROOT).replace('_', ' ')
                        + " statements on sharded table " + table + " are not supported yet");
            }
            return true;
        }
        if (!Mentions.placedTable(tokens, rules)) {
            return false;
        }
        query.payload().release();
        ShardPlan plan;
        try {
            plan = runtime.planner().route(text.sql(), rules, options, List.of(), runtime.keys()::nextId);
        } catch (ShardingException e) {
            Replies.error(channel, reply, PreviewCommand.errorOf(e));
            done.run();
            return true;
        }
        run(plan, text, traits.apply(classification), reply, done);
        return true;
    }

    /**
     * Refuses a binary-protocol prepare (COM_STMT_PREPARE) that names a sharded table, or writes a broadcast table:
     * its executions would run on the default data source only. Returns false, owning nothing, otherwise.
     */
    boolean refusePrepare(ComStmtPrepare prepare, Classification classification, int reply, Runnable done) {
        SchemaRules rules = runtime.config().sharding().schema(session.schema());
        if (rules == null) {
            return false;
        }
        Tokens tokens = SqlLexer.tokenize(prepare.sqlForClassification(),
                new LexerOptions(session.noBackslashEscapes(), session.ansiQuotes()));
        String sharded = Mentions.shardedTable(tokens, rules);
        boolean broadcastWrite = classification.kind() != StatementKind.SELECT && Mentions.placedTable(tokens, rules);
        if (sharded == null && !broadcastWrite) {
            return false;
        }
        prepare.payload().release();
        refuse(reply, done, "server-side prepared statements (COM_STMT_PREPARE) on "
                + (sharded != null ? "sharded table " + sharded : "broadcast tables") + " are not supported yet;"
                + " use client-side prepared statements (Connector/J's default useServerPrepStmts=false, Go's"
                + " interpolateParams=true, mysql2's query() rather than execute())");
        return true;
    }

    /**
     * SHOW and EXPLAIN of a sharded table (DESCRIBE, SHOW COLUMNS, SHOW CREATE TABLE, EXPLAIN SELECT ...) are
     * answered by its first actual table: every shard has the same columns.
     */
    private static NodeStatement firstShard(Tokens tokens, SchemaRules rules) {
        String dataSource = null;
        Map<String, String> actual = new java.util.LinkedHashMap<>();
        for (String logical : rules.tables().keySet()) {
            TableRule rule = rules.table(logical);
            DataNode first = rule.dataNodes().get(0);
            dataSource = dataSource == null ? first.dataSource() : dataSource;
            List<String> there = rule.tablesOn(dataSource);
            if (!there.isEmpty()) {
                actual.put(logical, there.get(0));
            }
        }
        return new NodeStatement(dataSource, TableRenamer.rename(tokens, actual,
                rules.name().toLowerCase(Locale.ROOT), rules.actualDatabase(dataSource)));
    }

    /** Runs one statement whose rows {@code rewrite} changes before the client sees them. */
    private void collect(NodeStatement statement, RowRewrite rewrite, SqlText text, StatementTraits traits, int reply,
                         Runnable done) {
        String problem = pinnedElsewhere(List.of(statement));
        if (problem != null) {
            refuse(reply, done, problem);
            return;
        }
        executor.scatter(List.of(statement), new MergeSettings(MergePlan.asTheyCome(), runtime.collations(),
                runtime.config().sharding().mergeMemoryLimit(), rewrite), text.charset(), traits.target(), reply,
                done);
    }

    private void run(ShardPlan plan, SqlText text, StatementTraits traits, int reply, Runnable done) {
        List<NodeStatement> statements = plan.statements();
        String problem = pinnedElsewhere(statements);
        if (problem != null) {
            refuse(reply, done, problem);
            return;
        }
        if (statements.size() == 1 && !needsBranch(statements.get(0))) {
            NodeStatement only = statements.get(0);
            executor.forwardTo(only.dataSource(), comQuery(only.sql(), text), reply, traits, done);
        } else {
            executor.scatter(statements, new MergeSettings(plan.merge(), runtime.collations(),
                    runtime.config().sharding().mergeMemoryLimit(), null), text.charset(), traits.target(), reply,
                    done);
        }
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

    private void refuse(int reply, Runnable done, String reason) {
        Replies.error(channel, reply, ErrPacket.of(MySqlError.ER_NOT_SUPPORTED_YET, "Shardline: " + reason));
        done.run();
    }

    private ByteBuf comQuery(String sql, SqlText text) {
        byte[] bytes = sql.getBytes(text.charset());
        return channel.alloc().buffer(1 + bytes.length).writeByte(CommandCode.COM_QUERY).writeBytes(bytes);
    }
}
