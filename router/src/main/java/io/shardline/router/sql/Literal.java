package io.shardline.router.sql;

/**
 * A literal value taken out of a statement by {@link Digest}: where it stood, its text as written, and its value
 * for routing ({@code Long}, {@code BigInteger}, {@code BigDecimal} or {@code String}). A negative number includes
 * its minus sign.
 *
 * @param start offset of its first character in the statement text
 * @param end offset after its last character
 */
public record Literal(int start, int end, String text, Object value) {}
