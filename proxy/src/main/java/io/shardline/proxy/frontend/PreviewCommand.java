package io.shardline.proxy.frontend;

import io.netty.channel.Channel;
import io.shardline.proxy.config.ProxyConfig;
import io.shardline.proxy.protocol.ErrPacket;
import io.shardline.proxy.protocol.MySqlError;
import io.shardline.proxy.protocol.ServerStatus;
import io.shardline.proxy.protocol.TextResultSet;
import io.shardline.proxy.session.Session;
import io.shardline.router.algorithm.ShardingException;
import io.shardline.router.algorithm.Snowflake;
import io.shardline.router.classify.Classifier;
import io.shardline.router.plan.NodeStatement;
import io.shardline.router.plan.ShardPlanner;
import io.shardline.router.route.ReadWriteDecision;
import io.shardline.router.route.ReadWriteRouter;
import io.shardline.router.route.SessionFacts;
import io.shardline.router.rule.SchemaRules;
import io.shardline.router.sql.LexerOptions;
import io.shardline.router.sql.SqlLexer;
import io.shardline.router.sql.Tokens;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code PREVIEW <statement>}: shows, without running anything, which data source each statement of the plan
 * goes to, which of its servers the read/write router picks, and its rewritten text, as a result set
 * {@code (data_source, server, sql)}; a statement the sharding rules
 * refuse gets the refusal as error 1235 (ER_NOT_SUPPORTED_YET). In a schema without sharding rules the plan is
 * the statement itself on the default data source.
 */
final class PreviewCommand {
    private final Channel channel;
    private final Session session;
    private final ProxyConfig config;
    /** Keys for INSERTs that leave their key column out; a preview's ids are never written. */
    private final Snowflake keys;

    private final ShardPlanner planner;

    PreviewCommand(Channel channel, Session session, ProxyConfig config, ShardPlanner planner) {
        this.channel = channel;
        this.session = session;
        this.config = config;
        this.planner = planner;
        this.keys = new Snowflake(config.sharding().workerId(), System::currentTimeMillis,
                config.sharding().maxClockRollback());
    }

    /**
     * Which server of the data source the read/write router picks for it in this session, with its reason:
     * {@code primary (insert)}, {@code replica (read)}, {@code any (read_no_table)}. Health and consistency may
     * still send a replica read to the primary when it runs.
     */
    private String server(String sql, LexerOptions options) {
        ReadWriteDecision decision = ReadWriteRouter.decide(Classifier.classify(sql, options), new SessionFacts(
                session.inTransaction(), session.autocommit(), session.holdsPrimaryState()));
        return decision.target().name().toLowerCase(java.util.Locale.ROOT) + " (" + decision.reason() + ")";
    }

    /** The statement after the PREVIEW keyword, or null when {@code sql} is not a PREVIEW. */
    static String statementOf(String sql, LexerOptions options) {
        Tokens tokens = SqlLexer.tokenize(sql, options);
        if (tokens.size() < 2 || !tokens.isWord(0, "PREVIEW")) {
            return null;
        }
        return sql.substring(tokens.end(0)).strip();
    }

    /** A refusal of the sharding rules as the client gets it: 1235, or MySQL's own code where the SQL is wrong. */
    static ErrPacket errorOf(ShardingException e) {
        return e.errorCode() == ShardingException.NOT_SUPPORTED_YET
                ? ErrPacket.of(MySqlError.ER_NOT_SUPPORTED_YET, "Shardline: " + e.getMessage())
                : new ErrPacket(e.errorCode(), e.sqlState(), e.getMessage());
    }

    void answer(String statement, LexerOptions options, int reply) {
        SchemaRules rules = config.sharding().schema(session.schema());
        List<NodeStatement> plan;
        try {
            plan = rules == null ? List.of(new NodeStatement(config.defaultDataSource(), statement))
                    : planner.plan(statement, rules, options, List.of(), keys::nextId);
        } catch (ShardingException e) {
            Replies.error(channel, reply, errorOf(e));
            return;
        }
        List<List<String>> rows = new ArrayList<>();
        for (NodeStatement each : plan) {
            rows.add(List.of(each.dataSource(), server(each.sql(), options), each.sql()));
        }
        channel.writeAndFlush(new TextResultSet(List.of("data_source", "server", "sql"), rows).encode(channel.alloc(),
                reply, session.capabilities(), session.status() & ~ServerStatus.STATEMENT_ONLY));
    }
}
