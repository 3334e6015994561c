package io.shardline.proxy.execute;

import io.shardline.proxy.backend.BackendConnection;
import io.shardline.proxy.backend.BackendErrorException;
import io.shardline.proxy.backend.InternalResult;
import io.shardline.proxy.protocol.ErrPacket;
import io.shardline.proxy.protocol.MySqlError;
import io.shardline.proxy.session.Session;
import io.netty.util.concurrent.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Ends the branches of a transaction that reached several data sources: the connections it holds besides the one
 * it began on ({@link Session#branches()}). COMMIT goes branch by branch, before the first connection's own
 * COMMIT runs as the client's statement; at the first failure the branches not yet committed are rolled back and
 * the client is told which data sources committed. ROLLBACK reaches every branch. This is one-phase commit: a
 * failure after some branches committed leaves them committed (the message says so); XA's prepare-then-commit can
 * replace the loop without changing its callers.
 */
final class TransactionBranches {
    /** What went wrong while committing: the error to give the client, naming what committed and what did not. */
    record Failure(ErrPacket error) {}

    private TransactionBranches() {}

    /** Ends every branch; {@code done} gets null when all committed (or rolled back), else the failure. */
    static void end(Session session, boolean commit, Consumer<Failure> done) {
        List<Map.Entry<String, BackendConnection>> branches = new ArrayList<>(session.branches().entrySet());
        session.branches().clear();
        step(session, branches, 0, commit, new ArrayList<>(), null, done);
    }

    private static void step(Session session, List<Map.Entry<String, BackendConnection>> branches, int index,
                             boolean commit, List<String> committed, Failure failure, Consumer<Failure> done) {
        if (index == branches.size()) {
            done.accept(failure);
            return;
        }
        String dataSource = branches.get(index).getKey();
        BackendConnection connection = branches.get(index).getValue();
        boolean committing = commit && failure == null;
        if (!connection.isUsable()) {
            Failure next = committing ? failed(dataSource, new IllegalStateException("the connection was lost"),
                    committed, branches, index) : failure;
            step(session, branches, index + 1, commit, committed, next, done);
            return;
        }
        connection.query(committing ? "COMMIT" : "ROLLBACK").addListener((Future<InternalResult> ended) -> {
            Failure next = failure;
            if (ended.isSuccess()) {
                if (committing) {
                    committed.add(dataSource);
                }
                connection.lastSessionId(session.id());
                connection.owner().release(connection);
            } else {
                connection.owner().discard(connection);
                if (committing) {
                    next = failed(dataSource, ended.cause(), committed, branches, index);
                }
            }
            step(session, branches, index + 1, commit, committed, next, done);
        });
    }

    private static Failure failed(String dataSource, Throwable cause, List<String> committed,
                                  List<Map.Entry<String, BackendConnection>> branches, int index) {
        ErrPacket original = cause instanceof BackendErrorException backend ? backend.error()
                : ErrPacket.of(MySqlError.ER_QUERY_INTERRUPTED, String.valueOf(cause.getMessage()));
        List<String> rolledBack = new ArrayList<>();
        for (Map.Entry<String, BackendConnection> each : branches.subList(index + 1, branches.size())) {
            rolledBack.add(each.getKey());
        }
        String message = original.message() + " (Shardline: COMMIT failed on data source " + dataSource + " of a"
                + " transaction across data sources; " + (committed.isEmpty() ? "no data source had committed"
                : "already committed: " + String.join(", ", committed)) + "; rolled back: the transaction's first"
                + " data source" + (rolledBack.isEmpty() ? "" : ", " + String.join(", ", rolledBack)) + ")";
        return new Failure(new ErrPacket(original.code(), original.sqlState(), message));
    }

    /** Closes every branch unfinished (the servers roll them back): the transaction is lost. */
    static void discardAll(Session session) {
        for (BackendConnection each : session.branches().values()) {
            each.owner().discard(each);
        }
        session.branches().clear();
    }
}
