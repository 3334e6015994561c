package io.shardline.cli;

import java.util.List;

/**
 * An error answer of the admin API as a {@link ShardctlException}: the proxy's own message (it already says what
 * went wrong), what to do next where shardctl knows better (which option carries the token), the lines that
 * explain it (the changes that would move rows, the configuration's problems), and the exit code of its status.
 */
public final class ApiErrors {
    private ApiErrors() {}

    public static ShardctlException failure(ApiAnswer answer, boolean tokenGiven) {
        String error = answer.error();
        String message = switch (answer.status()) {
            case 401 -> tokenGiven
                    ? "the proxy refused the token (401: " + error + "); give its management.token with --token-file,"
                            + " --token or SHARDLINE_TOKEN"
                    : "this command needs the proxy's management.token (401: " + error + "); give it with"
                            + " --token-file, --token or SHARDLINE_TOKEN";
            case 403 -> error + " (403)";
            case 404 -> error.startsWith("no such path")
                    ? error + " (404): this proxy has no " + answer.path() + "; is it older than this shardctl?"
                    : error + " (404)";
            case 409 -> "refused (409): " + error + indented(Changes.lines(answer.body().get("changes")));
            case 422 -> error + indented(Fields.strings(answer.body().get("problems")));
            default -> error + " (" + answer.status() + " from " + answer.method() + " " + answer.path() + ")";
        };
        return new ShardctlException(ExitCodes.forHttpStatus(answer.status()), message);
    }

    private static String indented(List<String> lines) {
        StringBuilder result = new StringBuilder();
        lines.forEach(line -> result.append(System.lineSeparator()).append("  ").append(line));
        return result.toString();
    }
}
