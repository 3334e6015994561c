package io.shardline.proxy.plan;

import io.shardline.router.sql.LexerOptions;
import java.util.List;
import java.util.Map;

/**
 * One case of a {@code plan/*.cases} file: the rules it runs under, the facts around the statement, the statement,
 * and the expected plan as {@link PlanText} prints it.
 *
 * @param rules the rules file (next to the cases) and the schema in it; null schema for the file's only schema
 * @param parameters a prepared statement's parameter values, in order
 * @param knownColumns the columns of tables an INSERT without a column list needs, by lower-case table name
 * @param firstKey the first key the test's counter hands out for a key column an INSERT leaves out
 * @param expected the expected lines, without their leading {@code >}
 */
record PlanCase(String file, int line, String rulesFile, String schema, List<Object> parameters,
                Map<String, List<String>> knownColumns, boolean allowFullTableWrites, long firstKey,
                LexerOptions options, String sql, List<String> expected) {

    String displayName() {
        String firstLine = sql.lines().findFirst().orElse("<empty>");
        String shown = firstLine.length() > 80 ? firstLine.substring(0, 80) + "..." : firstLine;
        return file + ":" + line + "  " + shown;
    }
}
