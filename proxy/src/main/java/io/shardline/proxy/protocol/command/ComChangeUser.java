package io.shardline.proxy.protocol.command;

import java.util.Map;

/**
 * COM_CHANGE_USER: log in again as another user on the same connection, resetting the session.
 *
 * @param collationId 0 when the client did not send one
 * @param authPluginName null when the client did not name one
 */
public record ComChangeUser(String user, byte[] authResponse, String database, int collationId,
                            String authPluginName, Map<String, String> attributes) implements ClientCommand {
    @Override
    public String toString() {
        return "ComChangeUser[user=" + user + ", database=" + database + "]";
    }
}
