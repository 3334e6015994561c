package io.shardline.proxy.frontend;

import java.util.List;

/**
 * One client session as the admin API lists it ({@code /api/sessions}), like a row of SHOW PROCESSLIST. Read from
 * the management thread while the session runs on its event loop, so a view may be a statement behind.
 *
 * @param client  the client's address and port
 * @param state   {@code login}, {@code idle} or {@code running}
 * @param seconds how long it has been in that state (since its last command began or ended)
 * @param command the command it runs or ran last, named as SHOW PROCESSLIST names them ({@code Query},
 *                {@code Execute}, ...); null before the first
 * @param statement the running statement's digest (every literal value replaced by {@code ?}, as in the slow query
 *                  log), or null when it runs none
 * @param pinned  why it holds a backend connection between statements ({@code transaction}, ...)
 */
public record SessionView(long id, String user, String client, String schema, boolean tls, String state,
                          double seconds, String command, String statement, List<String> pinned,
                          String connectedAt) {
    public SessionView {
        pinned = List.copyOf(pinned);
    }

    /** The SHOW PROCESSLIST name of a command byte. */
    static String commandName(int code) {
        return switch (code) {
            case 0x01 -> "Quit";
            case 0x02 -> "Init DB";
            case 0x03 -> "Query";
            case 0x04 -> "Field List";
            case 0x09 -> "Statistics";
            case 0x0c -> "Processkill";
            case 0x0e -> "Ping";
            case 0x11 -> "Change user";
            case 0x16 -> "Prepare";
            case 0x17 -> "Execute";
            case 0x18 -> "Long Data";
            case 0x19 -> "Close stmt";
            case 0x1a -> "Reset stmt";
            case 0x1b -> "Set option";
            case 0x1c -> "Fetch";
            case 0x1f -> "Reset connection";
            case -1 -> null;
            default -> "Command " + code;
        };
    }
}
