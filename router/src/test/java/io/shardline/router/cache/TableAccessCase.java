package io.shardline.router.cache;

import io.shardline.router.sql.LexerOptions;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One case of a {@code cache/*.cases} file: a statement, the session's default schema and the
 * {@link TableAccess} expected; the format is described at the top of {@code cache/selects.cases}.
 */
record TableAccessCase(String file, int line, String sql, LexerOptions options, String schema,
                       TableAccess expected) {

    String displayName() {
        String firstLine = sql.lines().findFirst().orElse("<empty>");
        return file + ":" + line + "  " + (firstLine.length() > 70 ? firstLine.substring(0, 70) + "..." : firstLine);
    }

    static List<TableAccessCase> read(String file, List<String> lines) {
        List<TableAccessCase> result = new ArrayList<>();
        List<String> sql = new ArrayList<>();
        int first = 0;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.startsWith("##")) {
                continue;
            }
            if (line.startsWith(">")) {
                result.add(expectation(file, first == 0 ? i + 1 : first, String.join("\n", sql),
                        line.substring(1).strip()));
                sql.clear();
                first = 0;
            } else if (!line.isBlank()) {
                first = first == 0 ? i + 1 : first;
                sql.add(line);
            } else if (!sql.isEmpty()) {
                throw new IllegalArgumentException(file + ":" + (i + 1) + ": case starting at line " + first
                        + " has no '>' line");
            }
        }
        return result;
    }

    private static TableAccessCase expectation(String file, int line, String sql, String expectation) {
        Set<String> read = new LinkedHashSet<>();
        Set<String> written = new LinkedHashSet<>();
        boolean unknown = false;
        String schema = "app";
        boolean ansiQuotes = false;
        boolean noBackslashEscapes = false;
        for (String item : expectation.split("\\s+")) {
            if (item.equals("UNKNOWN")) {
                unknown = true;
            } else if (item.equals("NONE")) {
                unknown = false;
            } else if (item.equals("ansi_quotes")) {
                ansiQuotes = true;
            } else if (item.equals("no_backslash_escapes")) {
                noBackslashEscapes = true;
            } else if (item.startsWith("read=")) {
                read.addAll(List.of(item.substring(5).split(",")));
            } else if (item.startsWith("written=")) {
                written.addAll(List.of(item.substring(8).split(",")));
            } else if (item.startsWith("schema=")) {
                schema = item.equals("schema=-") ? null : item.substring(7);
            } else {
                throw new IllegalArgumentException(file + ":" + line + ": unknown expectation " + item);
            }
        }
        return new TableAccessCase(file, line, sql, new LexerOptions(noBackslashEscapes, ansiQuotes), schema,
                new TableAccess(read, written, unknown));
    }
}
