package io.shardline.router.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class SqlLexerTest {

    private static final LexerOptions NO_BACKSLASH = new LexerOptions(true, false);
    private static final LexerOptions ANSI = new LexerOptions(false, true);

    /** Code tokens as "TYPE text", which shows boundaries and types at once. */
    private static List<String> code(String sql) {
        return code(sql, LexerOptions.DEFAULT);
    }

    private static List<String> code(String sql, LexerOptions options) {
        return describe(SqlLexer.tokenize(sql, options));
    }

    private static List<String> comments(String sql) {
        return describe(SqlLexer.tokenize(sql).comments());
    }

    private static List<String> describe(Tokens tokens) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < tokens.size(); i++) {
            out.add(tokens.type(i) + " " + tokens.text(i));
        }
        return out;
    }

    @Test
    void wordsNumbersAndPunctuation() {
        assertThat(code("SELECT a, t.b FROM t WHERE (x >= 1);"))
                .containsExactly("WORD SELECT", "WORD a", "COMMA ,", "WORD t", "DOT .", "WORD b", "WORD FROM",
                        "WORD t", "WORD WHERE", "LPAREN (", "WORD x", "OPERATOR >=", "NUMBER 1", "RPAREN )",
                        "SEMICOLON ;");
    }

    @Test
    void tokensAreOffsetsIntoTheText() {
        Tokens tokens = SqlLexer.tokenize("  SELECT  'x'");
        assertThat(tokens.toList()).containsExactly(
                new Token(TokenType.WORD, 2, 8), new Token(TokenType.STRING, 10, 13));
        assertThat(tokens.get(1).text(tokens.source())).isEqualTo("'x'");
        assertThat(tokens.type(2)).isNull();
        assertThat(tokens.type(-1)).isNull();
    }

    @Test
    void multiCharacterOperators() {
        assertThat(code("a<=>b:=c<>d!=e||f&&g<<h>>i->j->>k<=l"))
                .filteredOn(t -> t.startsWith("OPERATOR"))
                .containsExactly("OPERATOR <=>", "OPERATOR :=", "OPERATOR <>", "OPERATOR !=", "OPERATOR ||",
                        "OPERATOR &&", "OPERATOR <<", "OPERATOR >>", "OPERATOR ->", "OPERATOR ->>", "OPERATOR <=");
    }

    @Nested
    class Strings {

        @Test
        void backslashAndDoubledQuoteEscapes() {
            assertThat(code("'it''s' 'a\\'b' 'c\\\\' x")).containsExactly(
                    "STRING 'it''s'", "STRING 'a\\'b'", "STRING 'c\\\\'", "WORD x");
        }

        @Test
        void noBackslashEscapesEndsTheStringAtTheNextQuote() {
            assertThat(code("'a\\' b", NO_BACKSLASH)).containsExactly("STRING 'a\\'", "WORD b");
            assertThat(code("'a\\' b")).containsExactly("STRING 'a\\' b");
        }

        @Test
        void doubleQuotesAreStringsUnlessAnsiQuotes() {
            assertThat(code("\"a\\\"b\" c")).containsExactly("STRING \"a\\\"b\"", "WORD c");
            assertThat(code("\"a\\\" b", ANSI)).containsExactly("QUOTED_IDENT \"a\\\"", "WORD b");
            assertThat(code("\"a\"\"b\"", ANSI)).containsExactly("QUOTED_IDENT \"a\"\"b\"");
        }

        @Test
        void backticksHaveDoubledEscapesOnly() {
            assertThat(code("`a``b` `c\\` d")).containsExactly("QUOTED_IDENT `a``b`", "QUOTED_IDENT `c\\`", "WORD d");
        }

        @Test
        void prefixedLiteralsAreOneToken() {
            assertThat(code("_utf8mb4'x' _latin1\"y\" N'z' n'z' X'0A' x'0a' B'01' b'1'")).containsExactly(
                    "STRING _utf8mb4'x'", "STRING _latin1\"y\"", "STRING N'z'", "STRING n'z'", "STRING X'0A'",
                    "STRING x'0a'", "STRING B'01'", "STRING b'1'");
        }

        @Test
        void introducerWithSpaceIsAWordThenAString() {
            assertThat(code("_binary 'x'")).containsExactly("WORD _binary", "STRING 'x'");
            assertThat(code("_utf8\"x\"", ANSI)).containsExactly("WORD _utf8", "QUOTED_IDENT \"x\"");
        }

        @Test
        void unterminatedRunsToTheEnd() {
            assertThat(code("SELECT 'abc")).containsExactly("WORD SELECT", "STRING 'abc");
            assertThat(code("SELECT `abc")).containsExactly("WORD SELECT", "QUOTED_IDENT `abc");
            assertThat(code("'\\")).containsExactly("STRING '\\");
        }
    }

    @Nested
    class Numbers {

        @Test
        void decimalForms() {
            assertThat(code("1 12.5 1.5e-3 .5 1e10 2E+3 1. 3.e2")).containsExactly(
                    "NUMBER 1", "NUMBER 12.5", "NUMBER 1.5e-3", "NUMBER .5", "NUMBER 1e10", "NUMBER 2E+3",
                    "NUMBER 1.", "NUMBER 3.e2");
        }

        @Test
        void hexAndBitForms() {
            assertThat(code("0x1F 0XAB 0b0101")).containsExactly("NUMBER 0x1F", "NUMBER 0XAB", "NUMBER 0b0101");
        }

        @Test
        void digitsFollowedByNameCharactersAreIdentifiers() {
            assertThat(code("1abc 1e 1ea 0x1G 0b12 0x 123_")).containsExactly(
                    "WORD 1abc", "WORD 1e", "WORD 1ea", "WORD 0x1G", "WORD 0b12", "WORD 0x", "WORD 123_");
        }

        @Test
        void aDecimalFollowedByAWordIsAnAlias() {
            assertThat(code("1.5abc")).containsExactly("NUMBER 1.5", "WORD abc");
        }

        @Test
        void dotAfterANameIsAQualifier() {
            assertThat(code("t.5 t .5")).containsExactly("WORD t", "DOT .", "NUMBER 5", "WORD t", "NUMBER .5");
        }

        @Test
        void doubleDashWithoutSpaceIsTwoMinuses() {
            assertThat(code("1--1")).containsExactly("NUMBER 1", "OPERATOR -", "OPERATOR -", "NUMBER 1");
        }
    }

    @Nested
    class Comments {

        @Test
        void lineCommentsRunToTheNewline() {
            assertThat(comments("a -- x\nb # y\r\nc --\td\n--")).containsExactly(
                    "COMMENT -- x", "COMMENT # y\r", "COMMENT --\td", "COMMENT --");
            assertThat(code("a -- x\nb # y\r\nc --\td\n--")).containsExactly("WORD a", "WORD b", "WORD c");
        }

        @Test
        void blockCommentsAndHintsGoToTheCommentChannel() {
            String sql = "SELECT /* c */ /*+ BKA(t) */ 1 /**/";
            assertThat(code(sql)).containsExactly("WORD SELECT", "NUMBER 1");
            assertThat(comments(sql)).containsExactly("COMMENT /* c */", "HINT /*+ BKA(t) */", "COMMENT /**/");
        }

        @Test
        void blockCommentsDoNotNest() {
            assertThat(code("/* a /* b */ c */")).containsExactly("WORD c", "OPERATOR *", "OPERATOR /");
        }

        @Test
        void unterminatedCommentRunsToTheEnd() {
            assertThat(comments("SELECT 1 /* x")).containsExactly("COMMENT /* x");
            assertThat(comments("/*/ x")).containsExactly("COMMENT /*/ x");
        }

        @Test
        void commentBodiesLoseTheirMarkers() {
            assertThat(bodies("/* a */ -- b\n#c\n/*+ d e */ /**/ /*+*/"))
                    .containsExactly("a", "b", "c", "+d e", "", "+");
        }

        @Test
        void unterminatedCommentBodiesRunToTheEnd() {
            assertThat(bodies("/*x /*+y")).containsExactly("x /*+y");
            assertThat(bodies("/*+y")).containsExactly("+y");
            assertThat(bodies("/*")).containsExactly("");
            assertThat(bodies("/*/")).containsExactly("/");
        }

        private List<String> bodies(String sql) {
            Tokens comments = SqlLexer.tokenize(sql).comments();
            List<String> bodies = new ArrayList<>();
            for (int i = 0; i < comments.size(); i++) {
                bodies.add(comments.commentBody(i));
            }
            return bodies;
        }
    }

    @Nested
    class ExecutableComments {

        @Test
        void contentIsCodeAndMarkersVanish() {
            assertThat(code("/*!40101 SET x=1 */")).containsExactly("WORD SET", "WORD x", "OPERATOR =", "NUMBER 1");
            assertThat(code("/*! SELECT 1*/;")).containsExactly("WORD SELECT", "NUMBER 1", "SEMICOLON ;");
            assertThat(comments("/*!40101 SET x=1 */")).isEmpty();
        }

        @Test
        void mariaDbMarkerAndSixDigitVersion() {
            assertThat(code("/*M!100100 SELECT 2 */")).containsExactly("WORD SELECT", "NUMBER 2");
            assertThat(code("/*M!SELECT*/")).containsExactly("WORD SELECT");
        }

        @Test
        void versionIsFiveOrSixDigits() {
            assertThat(code("/*!5010 x*/")).containsExactly("NUMBER 5010", "WORD x");
            assertThat(code("/*!1234567 x*/")).containsExactly("NUMBER 67", "WORD x");
        }

        @Test
        void endMarkerInsideAStringDoesNotClose() {
            assertThat(code("/*!40101 SELECT '*/' */ 1")).containsExactly("WORD SELECT", "STRING '*/'", "NUMBER 1");
        }

        @Test
        void starSlashOutsideIsJustOperators() {
            assertThat(code("2*/3")).containsExactly("NUMBER 2", "OPERATOR *", "OPERATOR /", "NUMBER 3");
        }
    }

    @Nested
    class Variables {

        @Test
        void userVariables() {
            assertThat(code("@a @a.b$_1 @'x y' @`z` @\"w\"")).containsExactly(
                    "USER_VAR @a", "USER_VAR @a.b$_1", "USER_VAR @'x y'", "USER_VAR @`z`", "USER_VAR @\"w\"");
        }

        @Test
        void systemVariables() {
            assertThat(code("@@version @@session.sql_mode @@GLOBAL.x @@local.`y` @@hot_cache.key_buffer_size, 1"))
                    .containsExactly("SYSTEM_VAR @@version", "SYSTEM_VAR @@session.sql_mode", "SYSTEM_VAR @@GLOBAL.x",
                            "SYSTEM_VAR @@local.`y`", "SYSTEM_VAR @@hot_cache.key_buffer_size", "COMMA ,", "NUMBER 1");
        }

        @Test
        void loneAtSignsArePunctuation() {
            assertThat(code("@ @@ x")).containsExactly("OPERATOR @", "OPERATOR @@", "WORD x");
        }

        @Test
        void accountNamesUseAnAtThatIsNoVariable() {
            assertThat(code("'u'@'%' `a`@`h` root@localhost u@10.0.0.% 'b' @ 'c'")).containsExactly(
                    "STRING 'u'", "ACCOUNT_AT @", "STRING '%'", "QUOTED_IDENT `a`", "ACCOUNT_AT @", "QUOTED_IDENT `h`",
                    "WORD root", "ACCOUNT_AT @", "WORD localhost", "WORD u", "ACCOUNT_AT @", "WORD 10.0.0.%",
                    "STRING 'b'", "ACCOUNT_AT @", "STRING 'c'");
        }

        @Test
        void anAtAfterAnExpressionKeywordIsAVariable() {
            assertThat(code("SELECT a INTO@v, b @w")).containsExactly(
                    "WORD SELECT", "WORD a", "WORD INTO", "USER_VAR @v", "COMMA ,", "WORD b", "USER_VAR @w");
        }

        @Test
        void placeholders() {
            assertThat(code("a = ? AND '?' ")).containsExactly(
                    "WORD a", "OPERATOR =", "PLACEHOLDER ?", "WORD AND", "STRING '?'");
        }
    }

    @Test
    void nonAsciiIsPartOfNames() {
        assertThat(code("名前 ſelect")).containsExactly("WORD 名前", "WORD ſelect");
    }

    @Test
    void controlCharactersAreSingleOperators() {
        assertThat(code("\0\u0001a")).containsExactly("OPERATOR \0", "OPERATOR \u0001", "WORD a");
    }

    @Test
    void emptyAndNullText() {
        assertThat(SqlLexer.tokenize("").size()).isZero();
        assertThat(SqlLexer.tokenize(null).size()).isZero();
        assertThat(SqlLexer.tokenize("   \n\t").comments().size()).isZero();
    }
}
