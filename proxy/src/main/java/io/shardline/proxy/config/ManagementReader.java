package io.shardline.proxy.config;

import java.util.Locale;

/**
 * Reads the {@code management:} section; an absent section is {@link ManagementSettings#DEFAULT}. The port is on
 * by default (an operator expects /metrics and /ready without extra configuration, as from a database server's
 * exporter), which is safe only because the default address is the loopback interface.
 */
final class ManagementReader {
    private ManagementReader() {}

    static ManagementSettings read(YamlSection top, ServerSettings server) {
        YamlSection section = top.section("management");
        ManagementSettings defaults = ManagementSettings.DEFAULT;
        boolean enabled = section.bool("enabled", true);
        String listen = section.string("listen", defaults.listen().toString());
        Endpoint endpoint = defaults.listen();
        if (listen.trim().toLowerCase(Locale.ROOT).equals("off")) {
            enabled = false;
        } else {
            try {
                endpoint = Endpoint.parseListen(listen);
            } catch (IllegalArgumentException ex) {
                section.problem(section.valueNode("listen"), "management.listen: " + ex.getMessage()
                        + "; or 'off' to turn the management port off");
            }
        }
        String token = section.string("token", null);
        if (token != null && token.trim().length() < ManagementSettings.MIN_TOKEN_LENGTH) {
            section.problem(section.valueNode("token"), "management.token is too short: use at least "
                    + ManagementSettings.MIN_TOKEN_LENGTH + " random characters (e.g. openssl rand -hex 24)");
        }
        section.rejectUnknownKeys();
        if (enabled && endpoint.port() != 0 && endpoint.port() == server.port()
                && endpoint.host().equals(server.host())) {
            String message = "management.listen " + endpoint + " is also server.listen; give the management port"
                    + " a port of its own";
            if (section.valueNode("listen") != null) {
                section.problem(section.valueNode("listen"), message);
            } else {
                section.problemHere(message);
            }
        }
        return new ManagementSettings(enabled, endpoint, token == null ? null : token.trim());
    }
}
