package io.shardline.router.classify;

import io.shardline.router.sql.TokenType;
import io.shardline.router.sql.Tokens;
import java.util.Set;

/** Flags that single tokens decide, wherever they stand: variables, placeholders and known function calls. */
final class FunctionFlags {

    private static final WordTable<KnownWord> KNOWN_WORDS = new WordTable<>(KnownWord.values());

    private FunctionFlags() {}

    static void scan(Tokens tokens, Set<StatementFlag> flags) {
        for (int i = 0; i < tokens.size(); i++) {
            switch (tokens.type(i)) {
                case USER_VAR -> {
                    flags.add(StatementFlag.USER_VARIABLE);
                    flags.add(StatementFlag.NON_DETERMINISTIC);
                }
                case SYSTEM_VAR -> flags.add(StatementFlag.NON_DETERMINISTIC);
                case PLACEHOLDER -> flags.add(StatementFlag.HAS_PLACEHOLDER);
                case WORD -> word(tokens, i, flags);
                default -> { }
            }
        }
    }

    private static void word(Tokens tokens, int i, Set<StatementFlag> flags) {
        KnownWord known = KNOWN_WORDS.get(tokens, i);
        // db.now() is a stored function in schema db, and t.found_rows a column: never the built-in.
        if (known == null || tokens.type(i - 1) == TokenType.DOT || !usedAs(known.form(), tokens, i)) {
            return;
        }
        known.addFlagsTo(flags);
        if (known == KnownWord.LAST_INSERT_ID && tokens.type(i + 2) != TokenType.RPAREN) {
            flags.add(StatementFlag.SIDE_EFFECT_FUNCTION); // LAST_INSERT_ID(expr) sets the session's value
        }
    }

    private static boolean usedAs(KnownWord.Form form, Tokens tokens, int i) {
        return switch (form) {
            case BARE -> true;
            case CALL -> isCall(tokens, i);
            case CALL_WITHOUT_ARGUMENTS -> isCall(tokens, i) && tokens.type(i + 2) == TokenType.RPAREN;
            case VALUE_FOR -> tokens.isWord(i + 1, "VALUE") && tokens.isWord(i + 2, "FOR");
        };
    }

    /**
     * A name followed by '(' is a call, unless the name is in table position: INSERT INTO user(id) and
     * CREATE TABLE now (...) name tables. Spaces before '(' are allowed, as IGNORE_SPACE and keyword functions do.
     */
    private static boolean isCall(Tokens tokens, int i) {
        if (tokens.type(i + 1) != TokenType.LPAREN) {
            return false;
        }
        int before = i - 1;
        return !(tokens.isWord(before, "INTO") || tokens.isWord(before, "TABLE") || tokens.isWord(before, "INSERT")
                || tokens.isWord(before, "REPLACE") || tokens.isWord(before, "IGNORE")
                || tokens.isWord(before, "REFERENCES"));
    }
}
