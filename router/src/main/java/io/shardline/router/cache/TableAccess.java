package io.shardline.router.cache;

import java.util.Set;

/**
 * The tables a statement reads and the tables it may write, as qualified lower-case unquoted names
 * ({@code shop.t_order}), for the result cache: a read's cached result depends on {@link #read}, a write
 * invalidates the results that depend on {@link #written}.
 *
 * @param read    every base table the statement reads (views as named: the cache cannot see into them)
 * @param written every table or view the statement may change, conservatively
 * @param unknown the analysis could not tell exactly: do not cache this statement's result, and treat it as
 *                possibly writing anything; {@code read} and {@code written} are then empty
 */
public record TableAccess(Set<String> read, Set<String> written, boolean unknown) {
    /** Reads and writes no table (SHOW, SET, BEGIN, {@code SELECT 1} ...). */
    public static final TableAccess NONE = new TableAccess(Set.of(), Set.of(), false);
    public static final TableAccess UNKNOWN = new TableAccess(Set.of(), Set.of(), true);

    public TableAccess {
        read = unknown ? Set.of() : Set.copyOf(read);
        written = unknown ? Set.of() : Set.copyOf(written);
    }
}
