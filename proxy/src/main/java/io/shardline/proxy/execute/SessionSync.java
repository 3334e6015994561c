package io.shardline.proxy.execute;

import io.netty.buffer.ByteBuf;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import io.shardline.proxy.backend.BackendConnection;
import io.shardline.proxy.backend.BackendSessionState;
import io.shardline.proxy.protocol.CommandCode;
import io.shardline.proxy.protocol.command.ComSetOption;
import io.shardline.proxy.session.Session;
import io.shardline.router.rule.SchemaRules;
import io.shardline.router.rule.ShardingRules;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Brings a backend connection to a session's state before the session's statement runs on it, sending only what
 * differs: warnings another statement left on it (cleared by a statement that touches a table), the
 * multi-statement option (COM_SET_OPTION), the schema (COM_INIT_DB) and one SET for all differing variables. A
 * connection that already matches, the common case, costs nothing.
 */
public final class SessionSync {
    private static final java.util.regex.Pattern NUMBER = java.util.regex.Pattern.compile("-?\\d+(\\.\\d+)?");

    /**
     * Empties the diagnostics area: statements that touch no table (SELECT 1, SHOW WARNINGS, SET, DO 1) leave it
     * as it was, so a session that borrows this connection would otherwise read warnings that are not its own.
     * Every account may read information_schema.
     */
    static final String CLEAR_DIAGNOSTICS = "DO (SELECT 1 FROM information_schema.CHARACTER_SETS WHERE 0)";

    private final Map<String, String> loginVariables;
    private final java.util.function.Supplier<ShardingRules> sharding;

    /**
     * @param loginVariables the character-set variables every backend connection has after login
     * @param sharding where a sharded schema's tables live on each data source (its actual database there)
     */
    public SessionSync(Map<String, String> loginVariables, java.util.function.Supplier<ShardingRules> sharding) {
        this.loginVariables = Map.copyOf(loginVariables);
        this.sharding = sharding;
    }

    /**
     * The database a session's schema is on the connection's data source: a sharded schema may keep its tables
     * in a database of another name on each data source ({@code actual-databases}).
     */
    private String actualSchema(String schema, BackendConnection connection) {
        SchemaRules rules = sharding.get().schema(schema);
        return rules == null ? schema : rules.actualDatabase(connection.server().dataSource());
    }

    /**
     * True when nothing needs sending: the connection already mirrors this exact session state.
     *
     * @param borrowed the connection was just taken from a pool: warnings left on it belong to another statement
     */
    public boolean inSync(BackendConnection connection, Session session, boolean needsLastInsertId,
                          boolean borrowed) {
        BackendSessionState state = connection.state();
        return state.mirrors(session.id(), session.stateVersion())
                && (!needsLastInsertId || state.lastInsertId() == session.lastInsertId())
                && !(borrowed && state.diagnosticsLeft());
    }

    public Future<Void> sync(BackendConnection connection, Session session, boolean needsLastInsertId,
                             boolean borrowed) {
        Promise<Void> result = connection.channel().eventLoop().newPromise();
        if (!borrowed || !connection.state().diagnosticsLeft()) {
            syncOption(connection, session, needsLastInsertId, result);
            return result;
        }
        connection.query(CLEAR_DIAGNOSTICS).addListener(done -> {
            if (!done.isSuccess()) {
                result.tryFailure(done.cause());
                return;
            }
            connection.state().diagnosticsLeft(false);
            syncOption(connection, session, needsLastInsertId, result);
        });
        return result;
    }

    private void syncOption(BackendConnection connection, Session session, boolean needsLastInsertId,
                            Promise<Void> result) {
        BackendSessionState state = connection.state();
        if (state.multiStatements() == session.multiStatements()) {
            syncSchema(connection, session, needsLastInsertId, result);
            return;
        }
        int option = session.multiStatements() ? ComSetOption.MULTI_STATEMENTS_ON : ComSetOption.MULTI_STATEMENTS_OFF;
        ByteBuf payload = connection.channel().alloc().buffer(3).writeByte(CommandCode.COM_SET_OPTION).writeShortLE(option);
        connection.command(payload).addListener(done -> {
            if (!done.isSuccess()) {
                result.tryFailure(done.cause());
                return;
            }
            state.multiStatements(session.multiStatements());
            syncSchema(connection, session, needsLastInsertId, result);
        });
    }

    private void syncSchema(BackendConnection connection, Session session, boolean needsLastInsertId,
                            Promise<Void> result) {
        String wanted = session.schema() == null ? null : actualSchema(session.schema(), connection);
        if (wanted == null || wanted.equals(connection.state().schema())) {
            syncVariables(connection, session, needsLastInsertId, result);
            return;
        }
        byte[] name = wanted.getBytes(StandardCharsets.UTF_8);
        ByteBuf payload = connection.channel().alloc().buffer(1 + name.length).writeByte(CommandCode.COM_INIT_DB)
                .writeBytes(name);
        connection.command(payload).addListener(done -> {
            if (!done.isSuccess()) {
                result.tryFailure(done.cause());
                return;
            }
            connection.state().schema(wanted);
            syncVariables(connection, session, needsLastInsertId, result);
        });
    }

    private void syncVariables(BackendConnection connection, Session session, boolean needsLastInsertId,
                               Promise<Void> result) {
        List<String[]> assignments = differences(connection.state(), session);
        boolean insertIdDiffers = needsLastInsertId && connection.state().lastInsertId() != session.lastInsertId();
        if (assignments.isEmpty() && !insertIdDiffers) {
            connection.state().mirror(session.id(), session.stateVersion());
            result.trySuccess(null);
            return;
        }
        connection.query(setStatement(assignments, insertIdDiffers ? session.lastInsertId() : -1))
                .addListener(done -> {
                    if (!done.isSuccess()) {
                        result.tryFailure(done.cause());
                        return;
                    }
                    record(connection.state(), session, assignments, insertIdDiffers);
                    connection.state().mirror(session.id(), session.stateVersion());
                    result.trySuccess(null);
                });
    }

    private static final List<String> CHARSET_VARIABLES = List.of("character_set_client", "character_set_connection",
            "character_set_results", "collation_connection");

    /**
     * {name, wanted value}; a null value means "back to what a fresh connection has". When any character-set
     * variable differs, all four are listed, so they can be set together with SET NAMES (see {@link #setStatement}).
     */
    List<String[]> differences(BackendSessionState state, Session session) {
        List<String[]> result = new ArrayList<>();
        Map<String, String> wanted = session.variables();
        Map<String, String> actual = state.variables();
        boolean charsetDiffers = false;
        for (Map.Entry<String, String> each : wanted.entrySet()) {
            if (!Objects.equals(actual.get(each.getKey()), each.getValue())) {
                charsetDiffers |= CHARSET_VARIABLES.contains(each.getKey());
                result.add(new String[] {each.getKey(), each.getValue()});
            }
        }
        for (String each : actual.keySet()) {
            if (!wanted.containsKey(each)) {
                charsetDiffers |= CHARSET_VARIABLES.contains(each);
                result.add(new String[] {each, null});
            }
        }
        if (charsetDiffers && namesApplies(wanted)) {
            result.removeIf(each -> CHARSET_VARIABLES.contains(each[0]));
            for (String each : CHARSET_VARIABLES) {
                result.add(new String[] {each, wanted.get(each)});
            }
        }
        // Setting a character set resets the matching collation, so collations go last.
        result.sort((left, right) -> Integer.compare(order(left[0]), order(right[0])));
        return result;
    }

    private static int order(String name) {
        if (name.startsWith("character_set")) {
            return 0;
        }
        return name.startsWith("collation") ? 1 : 2;
    }

    /**
     * One SET for everything. Character sets go as {@code NAMES cs COLLATE coll} when the three character_set
     * variables agree: setting the variables one by one leaves result columns reporting the character set's
     * default collation, SET NAMES reports the chosen one, as a client's login collation does.
     */
    String setStatement(List<String[]> assignments, long lastInsertId) {
        StringBuilder result = new StringBuilder("SET ");
        String names = namesClause(assignments);
        if (names != null) {
            result.append(names).append(", ");
        }
        for (String[] each : assignments) {
            if (names != null && CHARSET_VARIABLES.contains(each[0])) {
                continue;
            }
            result.append("@@session.").append(each[0]).append('=').append(valueFor(each[0], each[1])).append(", ");
        }
        if (lastInsertId >= 0) {
            result.append("@@session.last_insert_id=").append(lastInsertId).append(", ");
        }
        result.setLength(result.length() - 2);
        return result.toString();
    }

    /** Whether the session's character-set variables can be expressed as one SET NAMES. */
    private boolean namesApplies(Map<String, String> wanted) {
        Map<String, String> effective = new java.util.HashMap<>();
        for (String each : CHARSET_VARIABLES) {
            effective.put(each, wanted.containsKey(each) ? wanted.get(each) : loginVariables.get(each));
        }
        String charset = effective.get("character_set_client");
        return charset != null && !charset.isEmpty() && effective.get("collation_connection") != null
                && charset.equals(effective.get("character_set_connection"))
                && charset.equals(effective.get("character_set_results"));
    }

    private String namesClause(List<String[]> assignments) {
        Map<String, String> effective = new java.util.HashMap<>();
        for (String[] each : assignments) {
            if (CHARSET_VARIABLES.contains(each[0])) {
                effective.put(each[0], each[1] != null ? each[1] : loginVariables.get(each[0]));
            }
        }
        String charset = effective.get("character_set_client");
        String collation = effective.get("collation_connection");
        if (effective.size() < CHARSET_VARIABLES.size() || charset == null || charset.isEmpty() || collation == null
                || !charset.equals(effective.get("character_set_connection"))
                || !charset.equals(effective.get("character_set_results"))) {
            return null;
        }
        return "NAMES " + literal(charset) + " COLLATE " + literal(collation);
    }

    private String valueFor(String name, String value) {
        if (value == null) {
            String login = loginVariables.get(name);
            return login == null ? "DEFAULT" : literal(login);
        }
        if (value.isEmpty() && name.equals("character_set_results")) {
            return "NULL";
        }
        return literal(value);
    }

    /** Numbers bare; plain text quoted; anything with quotes or backslashes as hex, immune to sql_mode. */
    static String literal(String value) {
        if (NUMBER.matcher(value).matches()) {
            return value;
        }
        if (value.indexOf('\'') >= 0 || value.indexOf('\\') >= 0) {
            return "CONVERT(X'" + HexFormat.of().formatHex(value.getBytes(StandardCharsets.UTF_8)) + "' USING utf8mb4)";
        }
        return "'" + value + "'";
    }

    private static void record(BackendSessionState state, Session session, List<String[]> assignments,
                               boolean insertIdSynced) {
        for (String[] each : assignments) {
            if (each[1] == null) {
                state.variables().remove(each[0]);
            } else {
                state.variables().put(each[0], each[1]);
            }
        }
        if (insertIdSynced) {
            state.lastInsertId(session.lastInsertId());
        }
    }
}
