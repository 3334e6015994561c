package io.shardline.proxy.session;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Collation ids as the backend knows them (read once from information_schema at start): the handshake carries
 * only an id, and the proxy must turn it into the session variables a server would set for it.
 */
public final class Collations {
    /** What backend connections log in with: utf8mb4_general_ci. */
    public static final int LOGIN_COLLATION_ID = 45;

    private final Map<Integer, String[]> byId = new HashMap<>();
    private final int serverDefaultId;

    private Collations(int serverDefaultId) {
        this.serverDefaultId = serverDefaultId;
    }

    /** Builds the table from rows of (id, collation name, charset name). */
    public static Collations fromRows(List<List<String>> rows, int serverDefaultId) {
        Collations result = new Collations(serverDefaultId);
        for (List<String> each : rows) {
            if (each.get(0) == null) {
                continue;
            }
            result.byId.put(Integer.parseInt(each.get(0)), new String[] {each.get(1), each.get(2)});
        }
        return result;
    }

    /** A minimal table for when no backend could be asked: the collations drivers commonly send. */
    public static Collations fallback() {
        Collations result = new Collations(LOGIN_COLLATION_ID);
        result.byId.put(8, new String[] {"latin1_swedish_ci", "latin1"});
        result.byId.put(33, new String[] {"utf8mb3_general_ci", "utf8mb3"});
        result.byId.put(45, new String[] {"utf8mb4_general_ci", "utf8mb4"});
        result.byId.put(46, new String[] {"utf8mb4_bin", "utf8mb4"});
        result.byId.put(63, new String[] {"binary", "binary"});
        result.byId.put(83, new String[] {"utf8mb3_bin", "utf8mb3"});
        result.byId.put(224, new String[] {"utf8mb4_unicode_ci", "utf8mb4"});
        return result;
    }

    /** The collation's name (utf8mb4_general_ci), or null when the backend did not list the id. */
    public String name(int id) {
        String[] entry = byId.get(id);
        return entry == null ? null : entry[0];
    }

    public boolean knows(int id) {
        return byId.containsKey(id);
    }

    /** The server's collation when a client sends an id it does not know (as the server itself does). */
    public int resolve(int id) {
        return byId.containsKey(id) ? id : serverDefaultId;
    }

    /**
     * The character-set variables a server sets for a client logging in with {@code id}, as differences from
     * what a backend connection logged in with {@link #LOGIN_COLLATION_ID} has; empty when they are the same.
     */
    public Map<String, String> sessionVariablesFor(int id) {
        int resolved = resolve(id);
        if (resolved == LOGIN_COLLATION_ID || !byId.containsKey(resolved)) {
            return Map.of();
        }
        return variables(byId.get(resolved));
    }

    /** The values a connection logged in with the login collation has, used to undo a session's changes. */
    public Map<String, String> loginVariables() {
        String[] login = byId.getOrDefault(LOGIN_COLLATION_ID, new String[] {"utf8mb4_general_ci", "utf8mb4"});
        return variables(login);
    }

    private static Map<String, String> variables(String[] collationAndCharset) {
        Map<String, String> result = new LinkedHashMap<>();
        result.put("character_set_client", collationAndCharset[1]);
        result.put("character_set_connection", collationAndCharset[1]);
        result.put("character_set_results", collationAndCharset[1]);
        result.put("collation_connection", collationAndCharset[0]);
        return result;
    }
}
