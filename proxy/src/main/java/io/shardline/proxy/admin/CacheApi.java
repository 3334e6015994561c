package io.shardline.proxy.admin;

import io.shardline.proxy.cache.ResultCache;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code /api/cache} and {@code /api/cache/flush}: the result cache's figures, and dropping what it holds, all of
 * it or one table's reads (docs/admin-api.md). With the cache off, the figures say so and a flush is a 409.
 */
public final class CacheApi {
    private final ResultCache cache;

    /** @param cache null when the configuration leaves the cache off */
    public CacheApi(ResultCache cache) {
        this.cache = cache;
    }

    public List<AdminRoutes.Route> routes() {
        return List.of(AdminRoutes.get("/api/cache", request -> AdminResponse.ok(stats())),
                AdminRoutes.post("/api/cache/flush", this::flush));
    }

    private Map<String, Object> stats() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("enabled", cache != null);
        if (cache != null) {
            ResultCache.Stats stats = cache.stats();
            body.put("entries", stats.entries());
            body.put("bytes", stats.bytes());
            body.put("max_bytes", stats.maxBytes());
            body.put("hits", stats.hits());
            body.put("misses", stats.misses());
            body.put("coalesced", stats.coalesced());
            body.put("hit_ratio", Math.round(stats.hitRatio() * 10_000) / 10_000.0);
            body.put("evictions", stats.evictions());
        }
        return body;
    }

    private AdminResponse flush(AdminRequest request) {
        if (cache == null) {
            throw new AdminException(io.netty.handler.codec.http.HttpResponseStatus.CONFLICT,
                    "the result cache is off (no result-cache: section in the configuration); nothing to flush");
        }
        String table = request.parameter("table");
        if (table == null || table.isBlank()) {
            cache.clear();
            return AdminResponse.ok(Map.of("flushed", "all"));
        }
        String name = table.trim().toLowerCase(Locale.ROOT);
        if (name.indexOf('.') <= 0 || name.endsWith(".")) {
            throw AdminException.badRequest("table must be SCHEMA.TABLE, e.g. demo.products, not '" + table + "'");
        }
        cache.invalidate(List.of(name));
        return AdminResponse.ok(Map.of("flushed", name));
    }
}
