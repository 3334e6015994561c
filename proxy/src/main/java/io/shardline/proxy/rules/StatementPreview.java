package io.shardline.proxy.rules;

import io.shardline.router.algorithm.ShardingException;
import io.shardline.router.algorithm.Snowflake;
import io.shardline.router.classify.Classifier;
import io.shardline.router.plan.NodeStatement;
import io.shardline.router.route.ReadWriteDecision;
import io.shardline.router.route.ReadWriteRouter;
import io.shardline.router.route.SessionFacts;
import io.shardline.router.rule.SchemaRules;
import io.shardline.router.sql.LexerOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The plan of a statement without running it: which data source each statement of the plan goes to, which of its
 * servers the read/write router picks, and its rewritten text. {@code PREVIEW <statement>} over the MySQL protocol
 * and the admin API's {@code /api/preview} both show it. In a schema without sharding rules the plan is the
 * statement itself on the default data source.
 *
 * @param dataSource the data source
 * @param server     e.g. {@code primary (insert)}, {@code replica (read)}; health and consistency may still send a
 *                   replica read to the primary when it runs
 * @param sql        the statement that data source would run
 */
public record StatementPreview(String dataSource, String server, String sql) {

    /**
     * @param defaultDataSource where statements of a schema without sharding rules go
     * @throws ShardingException when the rules refuse the statement (the error a client would get)
     */
    public static List<StatementPreview> of(String statement, String schema, RulesVersion rules,
                                            String defaultDataSource, LexerOptions options, SessionFacts facts) {
        SchemaRules schemaRules = rules.rules().schema(schema);
        // Keys of its own: a preview's generated ids are never written, and must not use up the real generator's.
        Snowflake keys = new Snowflake(rules.rules().workerId(), System::currentTimeMillis,
                rules.rules().maxClockRollback());
        List<NodeStatement> plan = schemaRules == null ? List.of(new NodeStatement(defaultDataSource, statement))
                : rules.planner().plan(statement, schemaRules, options, List.of(), keys::nextId);
        List<StatementPreview> result = new ArrayList<>();
        for (NodeStatement each : plan) {
            result.add(new StatementPreview(each.dataSource(), server(each.sql(), options, facts), each.sql()));
        }
        return result;
    }

    private static String server(String sql, LexerOptions options, SessionFacts facts) {
        ReadWriteDecision decision = ReadWriteRouter.decide(Classifier.classify(sql, options), facts);
        return decision.target().name().toLowerCase(Locale.ROOT) + " (" + decision.reason() + ")";
    }
}
