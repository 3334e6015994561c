package io.shardline.router.classify;

import io.shardline.router.sql.LexerOptions;
import java.util.List;
import java.util.Set;

/** One case of a {@code .cases} file: the SQL and what {@link Classifier} must say about it. */
record ClassificationCase(
        String file,
        int line,
        String sql,
        LexerOptions options,
        StatementKind kind,
        Set<StatementFlag> flags,
        int count,
        List<String> comments,
        KillCommand kill) {

    String displayName() {
        String firstLine = sql.lines().findFirst().orElse("<empty>");
        String shown = firstLine.length() > 70 ? firstLine.substring(0, 70) + "..." : firstLine;
        return file + ":" + line + "  " + shown;
    }

    Classification expected() {
        return new Classification(kind, flags, count, comments, kill);
    }
}
