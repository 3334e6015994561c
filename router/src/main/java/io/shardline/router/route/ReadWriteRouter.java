package io.shardline.router.route;

import io.shardline.router.classify.Classification;
import io.shardline.router.classify.StatementFlag;
import io.shardline.router.classify.StatementKind;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Decides primary or replica for a statement of a data source with replicas, from its classification (no full
 * parse) and the session's facts. Anything not known to be a plain read goes to the primary: a read on the
 * primary costs a little capacity, a write or a session-bound read on a replica is a wrong answer.
 */
public final class ReadWriteRouter {
    /** Flags that make a SELECT need the primary: locks, side effects, or session-bound state. */
    private static final List<StatementFlag> PRIMARY_FLAGS = List.of(StatementFlag.MULTI_STATEMENT,
            StatementFlag.LOCKING_READ, StatementFlag.SELECT_INTO, StatementFlag.SIDE_EFFECT_FUNCTION,
            StatementFlag.NAMED_LOCK, StatementFlag.LAST_INSERT_ID, StatementFlag.FOUND_ROWS,
            StatementFlag.ROW_COUNT, StatementFlag.CALC_FOUND_ROWS, StatementFlag.USER_VARIABLE,
            StatementFlag.TEMPORARY_TABLE);
    /** The decisions for each statement kind and flag, made once: a statement takes one, not a new one. */
    private static final Map<StatementKind, ReadWriteDecision> BY_KIND = decisions(StatementKind.values());
    private static final Map<StatementFlag, ReadWriteDecision> BY_FLAG = decisions(StatementFlag.values());
    private static final ReadWriteDecision TRANSACTION = ReadWriteDecision.primary("transaction");
    private static final ReadWriteDecision AUTOCOMMIT_OFF = ReadWriteDecision.primary("autocommit-off");
    private static final ReadWriteDecision SESSION_STATE = ReadWriteDecision.primary("session-state");
    private static final ReadWriteDecision READ = ReadWriteDecision.replica("read");

    private ReadWriteRouter() {}

    /** A decision for the primary per constant, its reason the constant's name in lower case. */
    private static <E extends Enum<E>> Map<E, ReadWriteDecision> decisions(E[] constants) {
        Map<E, ReadWriteDecision> result = new EnumMap<>(constants[0].getDeclaringClass());
        for (E each : constants) {
            result.put(each, ReadWriteDecision.primary(each.name().toLowerCase(Locale.ROOT)));
        }
        return result;
    }

    public static ReadWriteDecision decide(Classification statement, SessionFacts session) {
        RoutingHint hint = RoutingHint.of(statement.leadingComments());
        if (hint == RoutingHint.PRIMARY) {
            return new ReadWriteDecision(Target.PRIMARY, "hint", true);
        }
        if (session.inTransaction()) {
            return TRANSACTION;
        }
        if (!session.autocommit()) {
            return AUTOCOMMIT_OFF;
        }
        if (session.primaryState()) {
            return SESSION_STATE;
        }
        if (hint == RoutingHint.REPLICA) {
            return new ReadWriteDecision(Target.REPLICA, "hint", true);
        }
        if (statement.kind() != StatementKind.SELECT) {
            return BY_KIND.get(statement.kind());
        }
        for (StatementFlag each : PRIMARY_FLAGS) {
            if (statement.has(each)) {
                return BY_FLAG.get(each);
            }
        }
        if (statement.has(StatementFlag.READS_NO_TABLE)) {
            return new ReadWriteDecision(Target.ANY, "read_no_table", false);
        }
        return READ;
    }
}
