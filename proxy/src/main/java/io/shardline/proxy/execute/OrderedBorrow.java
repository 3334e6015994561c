package io.shardline.proxy.execute;

import io.shardline.proxy.backend.BackendConnection;
import io.shardline.router.route.Target;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Borrows the connections a run over several shards needs before any statement is sent, one after another in the
 * order given, which callers keep the same for every session (data sources by name): sessions that take their
 * connections in one order cannot each hold what another waits for first, and a borrow that fails leaves nothing
 * half-run (the connections already taken go back unused).
 *
 * <p>Order alone does not help within one pool: two sessions that each need two connections of a pool with two
 * free could take one each and wait for the other's. So only a data source's first connection waits (up to the
 * acquire timeout); a further one of the same data source is taken only if the pool has it now, else the borrow
 * fails at once with {@link io.shardline.proxy.backend.PoolExhaustedException} and the caller can do with fewer.
 */
final class OrderedBorrow {
    /** How the borrowing ended; exactly one of the two is called, once. */
    interface Outcome {
        /** @param connections one per requested data source, in the requested order */
        void borrowed(List<BackendConnection> connections);

        /**
         * @param position the index of the request that failed; the connections of the ones before it are back
         *     in their pools
         */
        void failed(int position, Throwable cause);
    }

    private OrderedBorrow() {}

    /**
     * @param dataSources one entry per connection wanted, in borrowing order; a data source that repeats does so in
     *     adjacent entries
     */
    static void borrow(ScatterContext context, Target target, List<String> dataSources, Outcome outcome) {
        next(context, target, dataSources, new ArrayList<>(dataSources.size()), outcome);
    }

    private static void next(ScatterContext context, Target target, List<String> dataSources,
                             List<BackendConnection> taken, Outcome outcome) {
        if (taken.size() == dataSources.size()) {
            outcome.borrowed(taken);
            return;
        }
        int position = taken.size();
        String source = dataSources.get(position);
        boolean further = position > 0 && dataSources.get(position - 1).equals(source);
        context.choosers().of(source).borrow(context.session(), target, Set.of(),
                further ? 0 : context.acquireTimeoutMillis()).addListener(acquired -> {
                    if (!acquired.isSuccess()) {
                        for (BackendConnection each : taken) {
                            each.owner().release(each);
                        }
                        outcome.failed(position, acquired.cause());
                        return;
                    }
                    taken.add((BackendConnection) acquired.getNow());
                    next(context, target, dataSources, taken, outcome);
                });
    }
}
