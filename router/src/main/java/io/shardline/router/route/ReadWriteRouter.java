package io.shardline.router.route;

import io.shardline.router.classify.Classification;
import io.shardline.router.classify.StatementFlag;
import io.shardline.router.classify.StatementKind;
import java.util.List;

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

    private ReadWriteRouter() {}

    public static ReadWriteDecision decide(Classification statement, SessionFacts session) {
        RoutingHint hint = RoutingHint.of(statement.leadingComments());
        if (hint == RoutingHint.PRIMARY) {
            return new ReadWriteDecision(Target.PRIMARY, "hint", true);
        }
        if (session.inTransaction()) {
            return ReadWriteDecision.primary("transaction");
        }
        if (!session.autocommit()) {
            return ReadWriteDecision.primary("autocommit-off");
        }
        if (session.primaryState()) {
            return ReadWriteDecision.primary("session-state");
        }
        if (hint == RoutingHint.REPLICA) {
            return new ReadWriteDecision(Target.REPLICA, "hint", true);
        }
        if (statement.kind() != StatementKind.SELECT) {
            return ReadWriteDecision.primary(statement.kind().name().toLowerCase(java.util.Locale.ROOT));
        }
        for (StatementFlag each : PRIMARY_FLAGS) {
            if (statement.has(each)) {
                return ReadWriteDecision.primary(each.name().toLowerCase(java.util.Locale.ROOT));
            }
        }
        if (statement.has(StatementFlag.READS_NO_TABLE)) {
            return new ReadWriteDecision(Target.ANY, "read_no_table", false);
        }
        return ReadWriteDecision.replica("read");
    }
}
