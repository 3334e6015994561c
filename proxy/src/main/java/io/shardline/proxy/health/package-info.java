/**
 * The backend health monitor: the control plane's view of which servers may serve.
 *
 * <p>{@link io.shardline.proxy.health.HealthMonitor} checks every server over JDBC on its own threads and
 * publishes immutable {@link io.shardline.proxy.health.HealthSnapshot}s; the proxy's event loops read the latest
 * one without locks. {@link io.shardline.proxy.health.StatusRules} holds the rules that turn raw check results
 * into {@link io.shardline.proxy.health.Status UP, DOWN or LAGGING}; {@link io.shardline.proxy.health.GtidPosition}
 * answers "has this replica applied that write yet" for read-your-writes routing.
 *
 * <p>Nothing here runs on the query path except reading a snapshot.
 */
package io.shardline.proxy.health;
