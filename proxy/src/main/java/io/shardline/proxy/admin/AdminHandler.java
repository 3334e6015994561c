package io.shardline.proxy.admin;

/**
 * Answers one route of the management port. Runs on the management port's own thread, never on an event loop that
 * serves MySQL clients, so it may take a few milliseconds (a scrape) but must not block for long (no JDBC, no
 * waiting on the health monitor: read its latest snapshot instead).
 */
@FunctionalInterface
public interface AdminHandler {
    AdminResponse handle(AdminRequest request);
}
