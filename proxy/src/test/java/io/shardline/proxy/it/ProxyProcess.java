package io.shardline.proxy.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The packaged proxy run as a JVM of its own, for tests that limit its memory (a buffering proxy would run out of
 * it). Its configuration file is written from YAML text; it listens on a free port of 127.0.0.1.
 */
final class ProxyProcess implements AutoCloseable {
    private static final String ANY_PORT = "listen: 127.0.0.1:0";
    private final Process process;
    private final Path config;
    private final Path log;
    private final int port;

    private ProxyProcess(Process process, Path config, Path log, int port) {
        this.process = process;
        this.config = config;
        this.log = log;
        this.port = port;
    }

    /**
     * @param yaml the configuration, listening on {@code 127.0.0.1:0}, which is replaced with a free port; only the
     *     first such line, server.listen (server comes first): a management port on 127.0.0.1:0 stays ephemeral
     * @param jvmOptions e.g. {@code -Xmx64m}
     */
    static ProxyProcess start(String yaml, String... jvmOptions) throws Exception {
        int port = freePort();
        assertThat(yaml).as("the listen address to replace").contains(ANY_PORT);
        int at = yaml.indexOf(ANY_PORT);
        String listening = yaml.substring(0, at) + "listen: 127.0.0.1:" + port + yaml.substring(at + ANY_PORT.length());
        Path config = Files.createTempFile("shardline-process", ".yaml");
        Files.writeString(config, listening);
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of(jvmOptions));
        command.addAll(List.of("-jar", proxyJar().toString(), "--config", config.toString()));
        Path log = Files.createTempFile("shardline-process", ".log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        ProxyProcess result = new ProxyProcess(process, config, log, port);
        result.awaitListening();
        return result;
    }

    int port() {
        return port;
    }

    /** The configuration file it runs with (tests edit it, then send SIGHUP). */
    Path configFile() {
        return config;
    }

    /** Sends a signal by name ({@code HUP}, {@code TERM}) with kill(1). */
    void signal(String name) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + name, String.valueOf(process.pid())).inheritIO().start();
        assertThat(kill.waitFor()).as("kill -" + name).isZero();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Sends SIGTERM, as an orchestrator stopping the proxy does. */
    void terminate() {
        process.destroy();
    }

    /** The exit status once the process ended within {@code timeout}; null while it still runs. */
    Integer awaitExit(java.time.Duration timeout) throws InterruptedException {
        return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS) ? process.exitValue() : null;
    }

    /** What the proxy wrote to standard output and error so far. */
    String log() throws java.io.IOException {
        return Files.readString(log);
    }

    private void awaitListening() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            assertThat(process.isAlive()).as("proxy process started").isTrue();
            try (Socket ignored = new Socket("127.0.0.1", port)) {
                return;
            } catch (java.io.IOException notYet) {
                Thread.sleep(100);
            }
        }
        close();
        throw new IllegalStateException("the proxy did not listen on " + port + " within 30 s");
    }

    static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static Path proxyJar() {
        String root = System.getProperty(SandboxFixture.REPO_ROOT_PROPERTY, ".");
        for (Path each : List.of(Path.of(root, "proxy", "target", "shardline-proxy.jar"),
                Path.of("target", "shardline-proxy.jar"))) {
            if (Files.exists(each)) {
                return each;
            }
        }
        throw new IllegalStateException("build the proxy jar first (mvn package): not found under " + root
                + File.separator + "proxy/target");
    }

    @Override
    public void close() throws Exception {
        process.destroy();
        // SIGTERM drains (sessions still in a transaction may hold it up to server.shutdown-timeout): not forever.
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        Files.deleteIfExists(config);
        Files.deleteIfExists(log);
    }
}
