package io.shardline.proxy;

import io.shardline.proxy.config.ConfigException;
import io.shardline.proxy.config.ConfigLoader;
import io.shardline.proxy.config.ProxyConfig;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;

/**
 * The {@code shardline} command:
 * <pre>
 *   shardline --config conf/FILE.yaml      run the proxy
 *   shardline demo                         sandbox servers + demo schema + proxy on 127.0.0.1:3307
 *   shardline hash-password                 read a password from stdin, print hashes for users.password
 *   shardline check --config FILE          validate a configuration and exit
 * </pre>
 */
public final class Main {
    private Main() {}

    public static void main(String[] args) throws Exception {
        Logging.configure();
        String command = args.length > 0 && !args[0].startsWith("-") ? args[0] : "run";
        String[] rest = command.equals("run") ? args : Arrays.copyOfRange(args, 1, args.length);
        int exit = switch (command) {
            case "run" -> run(rest);
            case "demo" -> Demo.run(rest);
            case "hash-password" -> HashPassword.run();
            case "check" -> check(rest);
            case "help", "--help", "-h" -> usage(0);
            default -> usage(2);
        };
        if (exit != 0 || command.equals("run")) {
            // After a graceful stop, so that no thread left behind keeps the JVM up.
            System.exit(exit);
        }
    }

    private static int run(String[] args) throws Exception {
        Path file = configPath(args);
        if (file == null) {
            return usage(2);
        }
        ProxyConfig config = load(file);
        if (config == null) {
            return 4;
        }
        ShardlineServer server;
        CountDownLatch stopped = new CountDownLatch(1);
        try {
            server = new ShardlineServer(config);
            // Before listening: once clients (and tests) can connect, SIGHUP must reload and SIGTERM drain.
            reloadOnSighup(server);
            StopSignals.install(server, config.server().shutdownTimeout(), stopped);
            server.start();
        } catch (IllegalStateException ex) {
            System.err.println("shardline: " + ex.getMessage());
            return 5;
        }
        // Any other way the JVM ends (System.exit, an unhandled signal): close at once. A no-op after a graceful stop.
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "shardline-shutdown"));
        stopped.await();
        return 0;
    }

    /** {@code kill -HUP <pid>} re-reads the configuration file (docs/operations.md, "Reloading the configuration"). */
    private static void reloadOnSighup(ShardlineServer server) {
        java.util.logging.Logger log = java.util.logging.Logger.getLogger(Main.class.getName());
        sun.misc.Signal.handle(new sun.misc.Signal("HUP"), signal -> {
            try {
                ConfigReload.Outcome outcome = server.reload().reload();
                log.info("SIGHUP: configuration reloaded; rules version " + outcome.rulesVersion() + ", changes "
                        + outcome.changes() + (outcome.needsRestart().isEmpty() ? ""
                        : "; needs a restart: " + outcome.needsRestart()));
            } catch (ConfigException ex) {
                log.warning("SIGHUP: configuration not reloaded, nothing changed:\n  "
                        + String.join("\n  ", ex.problems()));
            } catch (io.shardline.proxy.rules.RulesRefusedException ex) {
                log.warning("SIGHUP: " + ex.getMessage() + ": " + ex.changes());
            } catch (ConfigReload.PartlyAppliedException ex) {
                log.log(java.util.logging.Level.SEVERE, "SIGHUP: " + ex.getMessage(), ex);
            }
        });
    }

    private static int check(String[] args) {
        Path file = configPath(args);
        if (file == null) {
            return usage(2);
        }
        ProxyConfig config = load(file);
        if (config == null) {
            return 4;
        }
        int schemas = config.sharding().schemas().size();
        System.out.println(file + ": valid (" + config.users().size() + " users, " + config.dataSources().size()
                + " data sources" + (schemas == 0 ? "" : ", " + schemas + " sharded schemas") + ")");
        return 0;
    }

    static ProxyConfig load(Path file) {
        try {
            return ConfigLoader.load(file);
        } catch (ConfigException ex) {
            System.err.println("Configuration " + file + " is not valid:");
            ex.problems().forEach(problem -> System.err.println("  " + problem));
            return null;
        }
    }

    private static Path configPath(String[] args) {
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--config") && i + 1 < args.length) {
                return Path.of(args[i + 1]);
            }
            if (args[i].startsWith("--config=")) {
                return Path.of(args[i].substring("--config=".length()));
            }
        }
        return null;
    }

    private static int usage(int exit) {
        (exit == 0 ? System.out : System.err).println(String.join("\n",
                "usage: shardline --config conf/FILE.yaml   run the proxy",
                "       shardline demo                     sandbox MariaDB servers, demo schema, proxy on 127.0.0.1:3307",
                "       shardline check --config FILE      validate a configuration",
                "       shardline hash-password            print a password hash for users[].password (reads stdin)"));
        return exit;
    }
}
