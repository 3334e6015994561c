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
 */
public record StatementTraits(boolean needsLastInsertId, Set<PinReason> pins, Set<PinReason> releases,
                              boolean holdForNextStatement, Target target, boolean retryable, boolean diagnostics) {
    public static final StatementTraits NONE = new StatementTraits(false, Set.of(), Set.of(), false, Target.PRIMARY,
            false, false);

    public static StatementTraits pinning(PinReason reason) {
        return new StatementTraits(false, EnumSet.of(reason), Set.of(), false, Target.PRIMARY, false, false);
    }

    /** The same traits for a statement that runs on {@code where} (a prepared statement's execution). */
    public StatementTraits on(Target where, boolean canRetry) {
        return new StatementTraits(needsLastInsertId, pins, releases, holdForNextStatement, where, canRetry, diagnostics);
    }
}
