package io.shardline.router.route;

/**
 * Where a statement goes and why. The reason is a short, stable word used in metrics and explain output.
 *
 * @param hinted the choice was forced by a hint in the statement
 */
public record ReadWriteDecision(Target target, String reason, boolean hinted) {
    public static ReadWriteDecision primary(String reason) {
        return new ReadWriteDecision(Target.PRIMARY, reason, false);
    }

    public static ReadWriteDecision replica(String reason) {
        return new ReadWriteDecision(Target.REPLICA, reason, false);
    }
}
