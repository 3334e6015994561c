package io.shardline.router.route;

/**
 * Where a statement goes and why. The reason is a short, stable word used in metrics and explain output.
 *
 * @param hinted the choice was forced by a hint in the statement
 */
public record ReadWriteDecision(Target target, String reason, boolean hinted) {
    // equals and hashCode written out: the proxy looks each statement's decision up in its metrics' map, and the
    // generated ones (method handles) showed up in its profile there.
    @Override
    public boolean equals(Object other) {
        return other instanceof ReadWriteDecision that && target == that.target && hinted == that.hinted
                && reason.equals(that.reason);
    }

    @Override
    public int hashCode() {
        return (target.hashCode() * 31 + reason.hashCode()) * 31 + Boolean.hashCode(hinted);
    }

    public static ReadWriteDecision primary(String reason) {
        return new ReadWriteDecision(Target.PRIMARY, reason, false);
    }

    public static ReadWriteDecision replica(String reason) {
        return new ReadWriteDecision(Target.REPLICA, reason, false);
    }
}
