package io.shardline.router.classify;

import io.shardline.router.sql.LexerOptions;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the {@code .cases} format; the format is described at the top of every file under
 * {@code src/test/resources/classify}.
 */
final class CaseFileReader {

    private static final Set<String> KEYS =
            Set.of("kind", "flags", "count", "kill", "escaped", "no_backslash_escapes", "ansi_quotes");

    private final String file;
    private final List<ClassificationCase> cases = new ArrayList<>();
    private final List<String> sqlLines = new ArrayList<>();
    private final List<String> expectations = new ArrayList<>();
    private int caseLine;
    private int expectationLine;

    private CaseFileReader(String file) {
        this.file = file;
    }

    static List<ClassificationCase> read(String file, List<String> lines) {
        CaseFileReader reader = new CaseFileReader(file);
        for (int i = 0; i < lines.size(); i++) {
            reader.line(i + 1, lines.get(i));
        }
        reader.finishCase(lines.size());
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
        if (caseLine == 0) {
            caseLine = number;
        }
        if (line.startsWith(">")) {
            expectationLine = expectationLine == 0 ? number : expectationLine;
            expectations.add(line.substring(1).strip());
        } else if (!expectations.isEmpty()) {
            throw new IllegalArgumentException(
                    file + ":" + number + ": SQL after the expectation; separate cases with a blank line");
        } else {
            sqlLines.add(line);
        }
    }

    private void finishCase(int number) {
        if (caseLine == 0) {
            return;
        }
        if (expectations.isEmpty()) {
            throw new IllegalArgumentException(
                    file + ":" + number + ": case starting at line " + caseLine + " has no '>' line");
        }
        cases.add(parseCase());
        sqlLines.clear();
        expectations.clear();
        caseLine = 0;
        expectationLine = 0;
    }

    private ClassificationCase parseCase() {
        Map<String, String> keys = new HashMap<>();
        List<String> comments = new ArrayList<>();
        for (String expectation : expectations) {
            if (expectation.startsWith("comment:")) {
                comments.add(expectation.substring("comment:".length()).strip());
                continue;
            }
            for (String item : expectation.split("\\s+")) {
                int eq = item.indexOf('=');
                String key = eq < 0 ? item : item.substring(0, eq);
                if (!KEYS.contains(key)) {
                    throw new IllegalArgumentException(file + ":" + expectationLine + ": unknown key " + key);
                }
                keys.put(key, eq < 0 ? "" : item.substring(eq + 1));
            }
        }
        if (!keys.containsKey("kind")) {
            throw new IllegalArgumentException(file + ":" + expectationLine + ": missing kind=");
        }
        StatementKind kind = StatementKind.valueOf(keys.get("kind"));
        boolean escaped = keys.containsKey("escaped");
        String sql = String.join("\n", sqlLines);
        if (escaped) {
            comments.replaceAll(CaseFileReader::unescape);
        }
        LexerOptions options =
                new LexerOptions(keys.containsKey("no_backslash_escapes"), keys.containsKey("ansi_quotes"));
        int defaultCount = kind == StatementKind.EMPTY ? 0 : 1;
        int count = keys.containsKey("count") ? Integer.parseInt(keys.get("count")) : defaultCount;
        KillCommand kill = keys.containsKey("kill") ? parseKill(keys.get("kill")) : null;
        return new ClassificationCase(file, caseLine, escaped ? unescape(sql) : sql, options, kind,
                parseFlags(keys.getOrDefault("flags", "")), count, comments, kill);
    }

    private static Set<StatementFlag> parseFlags(String value) {
        Set<StatementFlag> flags = EnumSet.noneOf(StatementFlag.class);
        for (String name : value.split(",")) {
            if (!name.isEmpty() && !name.equals("-")) {
                flags.add(StatementFlag.valueOf(name));
            }
        }
        return flags;
    }

    private static KillCommand parseKill(String value) {
        int colon = value.indexOf(':');
        String target = value.substring(0, colon);
        if (!target.equals("QUERY") && !target.equals("CONNECTION")) {
            throw new IllegalArgumentException("kill=" + value + ": expected QUERY:<id> or CONNECTION:<id>");
        }
        return new KillCommand(target.equals("QUERY"), Long.parseLong(value.substring(colon + 1)));
    }

    /** Java-style escapes: \n \r \t \f \0 \\ and \\uXXXX. */
    static String unescape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != '\\' || i + 1 == text.length()) {
                out.append(c);
                continue;
            }
            char e = text.charAt(++i);
            switch (e) {
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case 'f' -> out.append('\f');
                case '0' -> out.append('\0');
                case '\\' -> out.append('\\');
                case 'u' -> {
                    out.append((char) Integer.parseInt(text.substring(i + 1, i + 5), 16));
                    i += 4;
                }
                default -> out.append('\\').append(e);
            }
        }
        return out.toString();
    }
}
