package io.shardline.router.sql;

/** Lexical category of a token. COMMENT and HINT tokens travel apart from code, see {@link Tokens#comments()}. */
public enum TokenType {
    /** Unquoted identifier or keyword: the lexer does not tell them apart. */
    WORD,
    /** {@code `name`}, or {@code "name"} under ANSI_QUOTES. */
    QUOTED_IDENT,
    /**
     * Quoted literal, with its prefix if any: {@code 'a'}, {@code "a"}, {@code _utf8mb4'a'}, {@code N'a'},
     * {@code X'0A'}, {@code B'01'}.
     */
    STRING,
    /** Unquoted numeric literal: {@code 12}, {@code 1.5e-3}, {@code .5}, {@code 0x1F}, {@code 0b01}. */
    NUMBER,
    /** {@code @name}, {@code @'name'}, {@code @`name`}, {@code @"name"}. */
    USER_VAR,
    /** {@code @@name}, {@code @@session.name}, {@code @@global.name}, {@code @@local.name}. */
    SYSTEM_VAR,
    /** {@code ?} */
    PLACEHOLDER,
    SEMICOLON,
    LPAREN,
    RPAREN,
    COMMA,
    DOT,
    /** The {@code @} joining user and host in an account name such as {@code 'app'@'%'} or {@code root@localhost}. */
    ACCOUNT_AT,
    /** Any other punctuation; multi-character operators such as {@code <=>} or {@code :=} are one token. */
    OPERATOR,
    /** {@code -- x}, {@code # x} or {@code /* x *}{@code /}. Executable comments are code, not comments. */
    COMMENT,
    /** Optimizer-hint comment {@code /*+ ... *}{@code /}. */
    HINT
}
