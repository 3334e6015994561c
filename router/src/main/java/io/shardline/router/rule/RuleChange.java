package io.shardline.router.rule;

/**
 * One difference between two versions of the sharding rules, in words a DBA reads before applying them.
 *
 * @param object     what changed, e.g. {@code table shop.t_order} or {@code schema shop}
 * @param detail     how, e.g. {@code table strategy mod(order_id, 4) -> mod(order_id, 8)}
 * @param movesRows  true when rows already stored would belong somewhere else (or nowhere) under the new rules:
 *                   such a change needs the data moved first, so it is refused live
 */
public record RuleChange(Kind kind, String object, String detail, boolean movesRows) {
    public enum Kind { ADD, REMOVE, CHANGE }

    @Override
    public String toString() {
        return kind.name().toLowerCase(java.util.Locale.ROOT) + " " + object + ": " + detail
                + (movesRows ? " (moves existing rows)" : "");
    }
}
