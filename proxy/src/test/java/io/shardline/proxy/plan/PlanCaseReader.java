package io.shardline.proxy.plan;

import io.shardline.router.sql.LexerOptions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads the {@code plan/*.cases} format, described at the top of every such file: {@code @rules} lines choosing the
 * rules file for the cases after them; cases separated by blank lines, each made of {@code @} fact lines, the SQL
 * and {@code >} expectation lines; {@code ##} comment lines anywhere.
 */
final class PlanCaseReader {
    private final String file;
    private final List<PlanCase> cases = new ArrayList<>();
    private String rulesFile;
    private String schema;
    private int caseLine;
    private final List<String> facts = new ArrayList<>();
    private final List<String> sqlLines = new ArrayList<>();
    private final List<String> expectations = new ArrayList<>();

    private PlanCaseReader(String file) {
        this.file = file;
    }

    static List<PlanCase> read(String file, List<String> lines) {
        PlanCaseReader reader = new PlanCaseReader(file);
        for (int i = 0; i < lines.size(); i++) {
            reader.line(i + 1, lines.get(i));
        }
        reader.finishCase(lines.size() + 1);
        return reader.cases;
    }

    private void line(int number, String line) {
        if (line.startsWith("##")) {
            return;
        }
        if (line.isBlank()) {
            finishCase(number);
            return;
        }
        if (line.startsWith("@rules")) {
            if (caseLine != 0) {
                throw problem(number, "@rules inside a case; give it a line of its own between cases");
            }
            String[] words = line.substring("@rules".length()).strip().split("\\s+");
            if (words[0].isEmpty() || words.length > 2) {
                throw problem(number, "write @rules <file.yaml> [schema]");
            }
            rulesFile = words[0];
            schema = words.length == 2 ? words[1] : null;
            return;
        }
        if (caseLine == 0) {
            caseLine = number;
        }
        if (line.startsWith("@")) {
            if (!sqlLines.isEmpty() || !expectations.isEmpty()) {
                throw problem(number, "a fact (@) after the SQL; facts come first");
            }
            facts.add(line.substring(1).strip());
        } else if (line.startsWith(">")) {
            if (sqlLines.isEmpty()) {
                throw problem(number, "an expectation (>) without SQL before it");
            }
            expectations.add(line.substring(1).strip());
        } else if (!expectations.isEmpty()) {
            throw problem(number, "SQL after the expectation; separate cases with a blank line");
        } else {
            sqlLines.add(line);
        }
    }

    private void finishCase(int number) {
        if (caseLine == 0) {
            return;
        }
        if (expectations.isEmpty()) {
            throw problem(number, "the case starting at line " + caseLine + " has no '>' line");
        }
        if (rulesFile == null) {
            throw problem(caseLine, "no @rules line before the first case");
        }
        cases.add(parseCase());
        facts.clear();
        sqlLines.clear();
        expectations.clear();
        caseLine = 0;
    }

    private PlanCase parseCase() {
        List<Object> parameters = List.of();
        Map<String, List<String>> columns = new LinkedHashMap<>();
        boolean allowFullTableWrites = false;
        long firstKey = 1;
        boolean ansiQuotes = false;
        boolean noBackslashEscapes = false;
        for (String fact : facts) {
            String name = fact.split("\\s+", 2)[0];
            String value = fact.substring(name.length()).strip();
            switch (name) {
                case "params" -> parameters = ParameterList.parse(value);
                case "columns" -> {
                    int colon = value.indexOf(':');
                    if (colon < 0) {
                        throw problem(caseLine, "write @ columns <table>: <column>, <column>...");
                    }
                    List<String> names = new ArrayList<>();
                    for (String each : value.substring(colon + 1).split(",")) {
                        names.add(each.strip());
                    }
                    columns.put(value.substring(0, colon).strip().toLowerCase(Locale.ROOT), List.copyOf(names));
                }
                case "allow-full-table-writes" -> allowFullTableWrites = true;
                case "keys" -> firstKey = Long.parseLong(value);
                case "ansi-quotes" -> ansiQuotes = true;
                case "no-backslash-escapes" -> noBackslashEscapes = true;
                default -> throw problem(caseLine, "unknown fact '" + name + "'; known: params, columns,"
                        + " allow-full-table-writes, keys, ansi-quotes, no-backslash-escapes");
            }
        }
        return new PlanCase(file, caseLine, rulesFile, schema, parameters, Map.copyOf(columns),
                allowFullTableWrites, firstKey, new LexerOptions(noBackslashEscapes, ansiQuotes),
                String.join("\n", sqlLines), List.copyOf(expectations));
    }

    private IllegalArgumentException problem(int line, String message) {
        return new IllegalArgumentException(file + ":" + line + ": " + message);
    }
}
