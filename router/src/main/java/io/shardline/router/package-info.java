/** SQL classification, sharding rules, routing and rewriting. Pure functions: no networking, no threads. */
package io.shardline.router;
