package io.shardline.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.Function;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The options every command that talks to a proxy takes (a picocli mixin), and the one way such a command runs:
 * {@link #run}: ask, print the JSON or render it for people, turn failures into a message and an exit code.
 *
 * <p>Defaults from the environment ({@code SHARDLINE_URL}, {@code SHARDLINE_TOKEN}) are read here, through
 * {@link Shardctl#environment}, rather than by picocli's {@code ${env:...}}: tests can give an environment, and
 * "--token and --token-file both given" is told apart from "--token-file given, SHARDLINE_TOKEN set".
 */
public final class ConnectionOptions {
    public static final String DEFAULT_URL = "http://127.0.0.1:9307";

    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    @Option(names = "--url", paramLabel = "URL",
            description = "the proxy's management port (default: $SHARDLINE_URL, else " + DEFAULT_URL + ")")
    String url;

    @Option(names = "--token", paramLabel = "TOKEN",
            description = "management.token, sent with writes (default: $SHARDLINE_TOKEN); other users can see"
                    + " command lines: prefer --token-file")
    String token;

    @Option(names = "--token-file", paramLabel = "PATH", description = "read the token from this file")
    Path tokenFile;

    @Option(names = "--json", description = "print the API's JSON answer (pretty) instead of tables, for scripts")
    boolean json;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "10s", converter = Durations.class,
            description = "how long to wait for the proxy: 500ms, 10s, 2m (default: ${DEFAULT-VALUE})")
    Duration timeout;

    public PrintWriter out() {
        return mixee.commandLine().getOut();
    }

    public PrintWriter err() {
        return mixee.commandLine().getErr();
    }

    public boolean json() {
        return json;
    }

    /**
     * Sends {@code request}; a success is printed as JSON with {@code --json}, else given to {@code render}. An
     * error answer is printed as JSON too with {@code --json} (scripts read problems and changes from it), and
     * always described on standard error. Returns the exit code.
     */
    public int run(Function<AdminClient, ApiAnswer> request, Consumer<JsonNode> render) {
        return Failures.report(err(), () -> {
            AdminClient client = client();
            ApiAnswer answer = request.apply(client);
            if (json) {
                JsonOutput.print(out(), answer.body());
            }
            if (!answer.ok()) {
                throw ApiErrors.failure(answer, client.hasToken());
            }
            if (!json) {
                render.accept(answer.body());
                out().flush();
            }
            return ExitCodes.OK;
        });
    }

    AdminClient client() {
        return new AdminClient(baseUrl(), token(), timeout);
    }

    private URI baseUrl() {
        String text = url != null ? url : environment("SHARDLINE_URL");
        text = text == null || text.isBlank() ? DEFAULT_URL : text.trim();
        String lower = text.toLowerCase(Locale.ROOT);
        if (!lower.startsWith("http://") && !lower.startsWith("https://")) {
            throw new ShardctlException(ExitCodes.USAGE, "--url " + text + " is not an http:// or https:// URL;"
                    + " the management port is e.g. " + DEFAULT_URL);
        }
        try {
            URI result = URI.create(text);
            if (result.getHost() == null) {
                throw new IllegalArgumentException("no host");
            }
            return result;
        } catch (IllegalArgumentException ex) {
            throw new ShardctlException(ExitCodes.USAGE, "--url " + text + " is not a URL (" + ex.getMessage()
                    + "); the management port is e.g. " + DEFAULT_URL);
        }
    }

    /** --token, else the first line of --token-file, else SHARDLINE_TOKEN; null when none is given. */
    private String token() {
        if (token != null && tokenFile != null) {
            throw new ShardctlException(ExitCodes.USAGE, "give the token once: --token or --token-file, not both");
        }
        if (token != null) {
            return token.trim();
        }
        if (tokenFile != null) {
            return readTokenFile(tokenFile);
        }
        String fromEnvironment = environment("SHARDLINE_TOKEN");
        return fromEnvironment == null || fromEnvironment.isBlank() ? null : fromEnvironment.trim();
    }

    private static String readTokenFile(Path file) {
        String text = TextFiles.read(file, "--token-file").strip();
        if (text.isEmpty() || text.contains("\n")) {
            throw new ShardctlException(ExitCodes.USAGE, "--token-file " + file + " must hold the token alone on"
                    + " one line; it is " + (text.isEmpty() ? "empty" : "several lines"));
        }
        return text;
    }

    private String environment(String name) {
        return mixee.root().userObject() instanceof Shardctl shardctl ? shardctl.environment(name)
                : System.getenv(name);
    }
}
