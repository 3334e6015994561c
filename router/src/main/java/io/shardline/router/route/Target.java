package io.shardline.router.route;

/** Which server of a data source a statement goes to. */
public enum Target {
    PRIMARY,
    /** A healthy replica; with none, the primary or an error, as the data source's replica-fallback says. */
    REPLICA,
    /**
     * A read of no table ({@code SELECT 1}, {@code SELECT @@version}, what drivers send at connect): a healthy
     * replica if there is one, else the primary, whatever replica-fallback says, so that clients can still
     * connect when every replica is gone.
     */
    ANY;

    /** Whether a replica may serve it. */
    public boolean replicaEligible() {
        return this != PRIMARY;
    }
}
