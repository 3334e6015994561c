package io.shardline.proxy.execute;

import io.shardline.proxy.session.PinReason;
import io.shardline.router.classify.Classification;
import io.shardline.router.classify.StatementFlag;
import io.shardline.router.classify.StatementKind;
import java.util.EnumSet;
import io.shardline.router.route.Target;
import java.util.Set;

/**
 * Reads a statement's classification for the session effects the server does not report: state that lives in
 * the backend connection (user variables, temporary tables, locks, SQL prepared statements, handlers, XA) and
 * one-statement effects (SQL_CALC_FOUND_ROWS for the following FOUND_ROWS(), SET TRANSACTION for the next
 * transaction).
 */
public final class TraitsOf {
    /** Kinds that name a table (a SELECT only when it has a FROM). */
    private static final Set<StatementKind> TOUCH_TABLES = EnumSet.of(StatementKind.SELECT, StatementKind.INSERT,
            StatementKind.UPDATE, StatementKind.DELETE, StatementKind.REPLACE);

    private TraitsOf() {}

    public static StatementTraits statement(Classification classification) {
        EnumSet<PinReason> pins = EnumSet.noneOf(PinReason.class);
        pinIf(pins, classification.has(StatementFlag.USER_VARIABLE), PinReason.USER_VARIABLES);
        pinIf(pins, classification.has(StatementFlag.NAMED_LOCK), PinReason.NAMED_LOCKS);
        pinIf(pins, classification.has(StatementFlag.TEMPORARY_TABLE), PinReason.TEMPORARY_TABLES);
        pinIf(pins, classification.has(StatementFlag.SESSION_TRACKING), PinReason.SESSION_TRACKING);
        StatementKind kind = classification.kind();
        pinIf(pins, kind == StatementKind.LOCK_TABLES || kind == StatementKind.FLUSH, PinReason.TABLE_LOCKS);
        pinIf(pins, kind == StatementKind.PREPARE, PinReason.SQL_PREPARED_STATEMENTS);
        pinIf(pins, kind == StatementKind.HANDLER, PinReason.HANDLER);
        // XA branches outlive IN_TRANS (after XA END / PREPARE) and must end on the same connection.
        pinIf(pins, kind == StatementKind.XA, PinReason.UNTRACKED_STATE);
        Set<PinReason> releases = kind == StatementKind.UNLOCK_TABLES ? Set.of(PinReason.TABLE_LOCKS) : Set.of();
        boolean holdNext = classification.has(StatementFlag.CALC_FOUND_ROWS)
                || classification.has(StatementFlag.SET_TRANSACTION_NEXT);
        boolean diagnostics = kind == StatementKind.DIAGNOSTICS || kind == StatementKind.SHOW
                && classification.statementCount() == 1;
        boolean clearsDiagnostics = classification.statementCount() == 1 && TOUCH_TABLES.contains(kind)
                && !classification.has(StatementFlag.READS_NO_TABLE);
        return new StatementTraits(classification.has(StatementFlag.LAST_INSERT_ID), pins, releases, holdNext,
                Target.PRIMARY, false, diagnostics, clearsDiagnostics);
    }

    private static void pinIf(EnumSet<PinReason> pins, boolean condition, PinReason reason) {
        if (condition) {
            pins.add(reason);
        }
    }
}
