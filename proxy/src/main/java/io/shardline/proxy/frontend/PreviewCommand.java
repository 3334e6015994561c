package io.shardline.proxy.frontend;

import io.netty.channel.Channel;
import io.shardline.proxy.protocol.ErrPacket;
import io.shardline.proxy.protocol.MySqlError;
import io.shardline.proxy.protocol.ServerStatus;
import io.shardline.proxy.protocol.TextResultSet;
import io.shardline.proxy.rules.RulesVersion;
import io.shardline.proxy.rules.StatementPreview;
import io.shardline.proxy.session.Session;
import io.shardline.router.algorithm.ShardingException;
import io.shardline.router.route.SessionFacts;
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
    private final RulesVersion rules;
    private final String defaultDataSource;

    PreviewCommand(Channel channel, Session session, RulesVersion rules, String defaultDataSource) {
        this.channel = channel;
        this.session = session;
        this.rules = rules;
        this.defaultDataSource = defaultDataSource;
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
        List<StatementPreview> plan;
        try {
            plan = StatementPreview.of(statement, session.schema(), rules, defaultDataSource, options,
                    new SessionFacts(session.inTransaction(), session.autocommit(), session.holdsPrimaryState()));
        } catch (ShardingException e) {
            Replies.error(channel, reply, errorOf(e));
            return;
        }
        List<List<String>> rows = new ArrayList<>();
        for (StatementPreview each : plan) {
            rows.add(List.of(each.dataSource(), each.server(), each.sql()));
        }
        channel.writeAndFlush(new TextResultSet(List.of("data_source", "server", "sql"), rows).encode(channel.alloc(),
                reply, session.capabilities(), session.status() & ~ServerStatus.STATEMENT_ONLY));
    }
}
