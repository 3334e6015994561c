package io.shardline.proxy.it;

import java.util.stream.Stream;

/** The driver configurations every data test runs under: text and binary protocol, both Java drivers. */
final class DriverModes {
    private DriverModes() {}

    static Stream<String> all() {
        return Stream.of("mysql:", "mysql:useServerPrepStmts=true&cachePrepStmts=true", "mariadb:",
                "mariadb:useServerPrepStmts=true");
    }

    static String url(ProxyFixture proxy, String mode, String extra) {
        String[] parts = mode.split(":", 2);
        String options = parts[1].isEmpty() ? extra : extra.isEmpty() ? parts[1] : parts[1] + "&" + extra;
        return parts[0].equals("mysql") ? proxy.mysqlUrl(options) : proxy.mariadbUrl(options);
    }

    static String suffix(String mode) {
        return (mode.startsWith("mysql") ? "my" : "ma") + (mode.contains("ServerPrep") ? "_ps" : "_tx");
    }
}
