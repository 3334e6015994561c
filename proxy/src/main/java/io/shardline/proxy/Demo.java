package io.shardline.proxy;

import io.shardline.proxy.config.ProxyConfig;
import io.shardline.proxy.sandbox.Jdbc;
import io.shardline.proxy.sandbox.Sandbox;
import io.shardline.proxy.sandbox.SandboxLayout;
import io.shardline.proxy.sandbox.ServerSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * {@code shardline demo}: the quickstart. Starts the sandbox servers (unless they run already), loads the demo
 * schema into the primary (idempotent), starts the proxy with conf/demo.yaml, prints how to connect, and on
 * Ctrl-C stops the proxy and the servers it started itself.
 */
final class Demo {
    static final String CONFIG = "conf/demo.yaml";
    static final String SCHEMA = "conf/demo-schema.sql";

    private Demo() {}

    static int run(String[] args) throws Exception {
        Path root = Path.of(System.getProperty("shardline.home", ".")).toAbsolutePath().normalize();
        ProxyConfig config = Main.load(root.resolve(CONFIG));
        if (config == null) {
            return 4;
        }
        Sandbox sandbox = new Sandbox(root, SandboxLayout.DEFAULT_BASE_PORT);
        List<ServerSpec> started = sandbox.up();
        System.out.println("loading the demo schema (" + SCHEMA + ") into the primary…");
        loadSchema(root.resolve(SCHEMA), sandbox.layout().primary().port());
        ShardlineServer server = new ShardlineServer(config).start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("\nstopping Shardline" + (started.isEmpty() ? "" : " and the sandbox servers it started"));
            server.close();
            if (!started.isEmpty()) {
                sandbox.down(started);
            }
            stopped.countDown();
        }, "shardline-demo-shutdown"));
        System.out.println();
        System.out.println("Shardline is ready on " + config.server().host() + ":" + config.server().port()
                + ". Connect with:");
        System.out.println("  mariadb -h " + config.server().host() + " -P " + config.server().port()
                + " -u demo -pdemo demo");
        System.out.println("Press Ctrl-C to stop.");
        stopped.await();
        return 0;
    }

    /** Runs the schema script statement by statement; it is written to be safe to run again. */
    static void loadSchema(Path script, int port) throws IOException, SQLException {
        String text = Files.readString(script, StandardCharsets.UTF_8);
        try (Connection connection = Jdbc.root(port); Statement statement = connection.createStatement()) {
            for (String each : text.split(";\\s*\\n")) {
                String sql = stripComments(each).trim();
                if (!sql.isEmpty()) {
                    statement.execute(sql);
                }
            }
        }
    }

    private static String stripComments(String chunk) {
        StringBuilder result = new StringBuilder();
        for (String line : chunk.split("\n")) {
            if (!line.trim().startsWith("--")) {
                result.append(line).append('\n');
            }
        }
        return result.toString();
    }
}
