/**
 * The sandbox: real MariaDB (or MySQL) servers on 127.0.0.1 for development, the quickstart demo and the
 * integration tests.
 *
 * <p>One code path serves all three users, so a green integration test means the demo topology works too.
 * {@link io.shardline.proxy.sandbox.Sandbox} is the entry point; {@link io.shardline.proxy.sandbox.SandboxCli}
 * wraps it for {@code bin/sandbox}. The topology is a GTID-replicated primary with two replicas plus two
 * standalone shard servers, all laid out by {@link io.shardline.proxy.sandbox.SandboxLayout}.
 */
package io.shardline.proxy.sandbox;
