package io.shardline.proxy.frontend;

import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The live client sessions by connection id, for KILL and for counting. */
public final class SessionRegistry {
    private final Map<Long, FrontendHandler> byId = new ConcurrentHashMap<>();

    void add(long id, FrontendHandler handler) {
        byId.put(id, handler);
    }

    void remove(long id) {
        byId.remove(id);
    }

    FrontendHandler get(long id) {
        return byId.get(id);
    }

    public int size() {
        return byId.size();
    }

    Collection<FrontendHandler> all() {
        return byId.values();
    }
}
