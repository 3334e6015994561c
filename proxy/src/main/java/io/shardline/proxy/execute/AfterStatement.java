package io.shardline.proxy.execute;

import io.shardline.proxy.backend.BackendConnection;
import io.shardline.proxy.backend.BackendConnector;
import io.shardline.proxy.backend.InternalResult;
import io.shardline.proxy.session.ClientTracking;
import io.shardline.proxy.session.PinReason;
import io.shardline.proxy.session.Session;
import java.util.List;
import java.util.Set;

/**
 * Reads back, after a statement, what the server did not report: collation_connection after SET NAMES ...
 * COLLATE (MariaDB omits it from session tracking), and the client's own session-tracking settings after it
 * changed them. One query, only when needed, before the session's next statement.
 *
 * <p>A client's own session-tracking settings are emulated by the proxy (it trims what it relays to what the
 * client asked for), so once they are known the connection goes back to the tracking the proxy needs and the
 * session is free to move between connections and servers again: MariaDB Connector/J changes them on every login.
 */
final class AfterStatement {
    private final Session session;

    AfterStatement(Session session) {
        this.session = session;
    }

    void learn(BackendConnection connection, boolean collation, Set<PinReason> pins, Runnable then) {
        boolean tracking = pins.contains(PinReason.SESSION_TRACKING);
        if (!collation && !tracking) {
            then.run();
            return;
        }
        connection.query("SELECT @@session.collation_connection, @@session.session_track_system_variables,"
                + " @@session.session_track_schema, @@session.session_track_state_change").addListener(done -> {
                    if (done.isSuccess() && !((InternalResult) done.getNow()).rows().isEmpty()) {
                        List<String> row = ((InternalResult) done.getNow()).rows().get(0);
                        if (collation && row.get(0) != null) {
                            session.variable("collation_connection", row.get(0));
                            connection.state().variables().put("collation_connection", row.get(0));
                        }
                        if (tracking) {
                            session.tracking(ClientTracking.parse(row.get(1), row.get(2), row.get(3)));
                            restoreTracking(connection, then);
                            return;
                        }
                    } else {
                        session.pin(PinReason.UNTRACKED_STATE);
                    }
                    then.run();
                });
    }

    private void restoreTracking(BackendConnection connection, Runnable then) {
        connection.query(BackendConnector.TRACKING_SETUP).addListener(done -> {
            if (done.isSuccess()) {
                connection.state().variables().keySet().removeIf(name -> name.startsWith("session_track"));
                session.unpin(PinReason.SESSION_TRACKING);
            }
            then.run();
        });
    }
}
