package io.shardline.proxy.config;

import java.util.List;

/**
 * A client account of the proxy.
 *
 * @param authPlugin the plugin this user must log in with, or null to follow the server default (and what the
 *     password hash allows)
 * @param schemas schemas the user may use; empty means all
 * @param defaultSchema the schema a login starts in when the client names none; null for none
 * @param access where the user may connect from and how many sessions it may have
 */
public record UserSpec(String name, PasswordHash password, String authPlugin, List<String> schemas,
                       String defaultSchema, UserAccess access) {
    /** A user without access limits. */
    public UserSpec(String name, PasswordHash password, String authPlugin, List<String> schemas,
                    String defaultSchema) {
        this(name, password, authPlugin, schemas, defaultSchema, UserAccess.ANY);
    }

    @Override
    public String toString() {
        return "UserSpec[name=" + name + ", authPlugin=" + authPlugin + ", schemas=" + schemas + ", defaultSchema=" + defaultSchema
                + ", access=" + access + "]";
    }
}
