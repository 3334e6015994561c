package io.shardline.proxy.execute;

import io.shardline.proxy.session.PinReason;
import io.shardline.router.route.Target;
import java.util.EnumSet;
import java.util.Set;

/**
 * What a statement does to its session besides what the server reports, and where it may run.
 *
 * @param pins state the proxy must keep the connection for
 * @param releases pins the statement ends
 * @param holdForNextStatement the next statement must run on the same connection
 * @param target primary or replica (from the read/write router)
 * @param retryable an autocommit read: may be sent again elsewhere if it fails before the client saw anything
 * @param diagnostics reads the previous statement's warnings or errors (SHOW WARNINGS, GET DIAGNOSTICS): it must
 *     run where that statement ran
 * @param clearsDiagnostics the server empties its diagnostics area when the statement runs (it touches a table:
 *     a single SELECT with FROM, INSERT, UPDATE, DELETE or REPLACE); statements that touch no table leave the
 *     previous statement's warnings in place
 */
public record StatementTraits(boolean needsLastInsertId, Set<PinReason> pins, Set<PinReason> releases,
                              boolean holdForNextStatement, Target target, boolean retryable, boolean diagnostics,
                              boolean clearsDiagnostics) {
    public static final StatementTraits NONE = new StatementTraits(false, Set.of(), Set.of(), false, Target.PRIMARY,
            false, false, false);

    public static StatementTraits pinning(PinReason reason) {
        return new StatementTraits(false, EnumSet.of(reason), Set.of(), false, Target.PRIMARY, false, false,
                false);
    }

    /**
     * A command that continues the statement before it on the same connection (fetching from a cursor, resetting
     * a prepared statement): it leaves that statement's warnings readable.
     */
    public static final StatementTraits CONTINUATION = new StatementTraits(false, Set.of(), Set.of(), false,
            Target.PRIMARY, false, true, false);

    /**
     * Preparing a statement bound for {@code where}: a prepare leaves the server's diagnostics area as it was, so
     * it runs where the previous statement's warnings wait, like a diagnostics statement.
     */
    public static StatementTraits preparing(Target where) {
        return new StatementTraits(false, Set.of(), Set.of(), false, where, false, true, false);
    }

    /** The same traits for a statement that runs on {@code where} (a prepared statement's execution). */
    public StatementTraits on(Target where, boolean canRetry) {
        return new StatementTraits(needsLastInsertId, pins, releases, holdForNextStatement, where, canRetry, diagnostics,
                clearsDiagnostics);
    }
}
