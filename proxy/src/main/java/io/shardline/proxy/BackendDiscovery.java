package io.shardline.proxy;

import io.netty.channel.EventLoop;
import io.shardline.proxy.backend.BackendConnection;
import io.shardline.proxy.backend.BackendConnector;
import io.shardline.proxy.backend.BackendServer;
import io.shardline.proxy.backend.InternalResult;
import io.shardline.proxy.protocol.Capabilities;
import io.shardline.proxy.session.ClientTracking;
import io.shardline.proxy.session.Collations;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * What the proxy learns from the default backend at start: its version (for the greeting) and its collation ids
 * (to turn a client's handshake collation into session variables). When the backend is down at start, safe
 * defaults are used and the proxy starts anyway; statements then fail with a clear error until it is back.
 */
record BackendDiscovery(String version, Collations collations, int serverCollationId, long capabilities,
                        ClientTracking tracking, String globalSqlMode) {
    private static final Logger LOG = Logger.getLogger(BackendDiscovery.class.getName());

    /** Three attempts: a server that is merely slow at the moment of start is worth waiting for. */
    static BackendDiscovery discover(BackendConnector connector, BackendServer server, EventLoop loop) {
        BackendDiscovery result = null;
        for (int attempt = 1; attempt <= 3 && result == null; attempt++) {
            result = attempt(connector, server, loop, attempt == 3);
        }
        return result;
    }

    private static BackendDiscovery attempt(BackendConnector connector, BackendServer server, EventLoop loop,
                                            boolean last) {
        try {
            BackendConnection connection = loop.submit(() -> connector.connect(server, loop, 0)).get()
                    .get(server.pool().connectTimeout().toMillis() + 1000, TimeUnit.MILLISECONDS);
            try {
                List<List<String>> rows = query(connection, loop,
                        "SELECT ID, COLLATION_NAME, CHARACTER_SET_NAME FROM information_schema.COLLATIONS WHERE ID IS NOT NULL");
                List<List<String>> serverDefault = query(connection, loop,
                        "SELECT ID FROM information_schema.COLLATIONS WHERE COLLATION_NAME = @@global.collation_server");
                int defaultId = serverDefault.isEmpty() ? Collations.LOGIN_COLLATION_ID
                        : Integer.parseInt(serverDefault.get(0).get(0));
                List<String> tracking = query(connection, loop, "SELECT @@global.session_track_system_variables,"
                        + " @@global.session_track_schema, @@global.session_track_state_change, @@global.sql_mode")
                        .get(0);
                return new BackendDiscovery(connection.serverVersion(), Collations.fromRows(rows, defaultId),
                        defaultId, connection.serverCapabilities(),
                        ClientTracking.parse(tracking.get(0), tracking.get(1), tracking.get(2)), tracking.get(3));
            } finally {
                loop.execute(connection::close);
            }
        } catch (Exception ex) {
            if (!last) {
                return null;
            }
            LOG.warning("cannot reach " + server.name() + " at start (" + rootMessage(ex) + "); starting with"
                    + " default version and collations");
            return new BackendDiscovery("", Collations.fallback(), Collations.LOGIN_COLLATION_ID,
                    Capabilities.PROXY_OFFERED, ClientTracking.SERVER_DEFAULT, null);
        }
    }

    private static List<List<String>> query(BackendConnection connection, EventLoop loop, String sql) throws Exception {
        InternalResult result = loop.submit(() -> connection.query(sql)).get().get(10, TimeUnit.SECONDS);
        return result.rows();
    }

    private static String rootMessage(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage();
    }
}
