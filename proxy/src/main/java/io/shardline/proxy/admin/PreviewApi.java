package io.shardline.proxy.admin;

import io.netty.handler.codec.http.HttpResponseStatus;
import io.shardline.proxy.rules.LiveRules;
import io.shardline.proxy.rules.StatementPreview;
import io.shardline.router.algorithm.ShardingException;
import io.shardline.router.route.SessionFacts;
import io.shardline.router.sql.LexerOptions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /api/preview?schema=S}: the plan of the SQL statement in the body, as {@code PREVIEW} shows it to a
 * MySQL client, for a fresh session of schema {@code S} (autocommit on, no transaction) under the rules in force.
 * Nothing runs. A statement the rules refuse is a 422 carrying the MySQL error a client would get.
 */
public final class PreviewApi {
    private final LiveRules rules;
    private final String defaultDataSource;

    public PreviewApi(LiveRules rules, String defaultDataSource) {
        this.rules = rules;
        this.defaultDataSource = defaultDataSource;
    }

    public List<AdminRoutes.Route> routes() {
        return List.of(AdminRoutes.inspect("/api/preview", this::preview));
    }

    private AdminResponse preview(AdminRequest request) {
        String sql = request.requiredBody("one SQL statement").strip();
        String schema = request.parameter("schema");
        List<StatementPreview> plan;
        try {
            plan = StatementPreview.of(sql, schema, rules.current(), defaultDataSource, LexerOptions.DEFAULT,
                    SessionFacts.FRESH);
        } catch (ShardingException ex) {
            throw new AdminException(HttpResponseStatus.UNPROCESSABLE_ENTITY, ex.getMessage(),
                    Map.of("code", ex.errorCode(), "sql_state", ex.sqlState()));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("schema", schema);
        body.put("rules_version", rules.current().version());
        body.put("statements", plan);
        return AdminResponse.ok(body);
    }
}
