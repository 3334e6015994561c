package io.shardline.proxy.execute;

import io.netty.channel.Channel;
import io.shardline.proxy.route.LoopChoosers;
import io.shardline.proxy.session.Session;

/**
 * What every run of a plan over several shards works with: the session and its client channel, the server
 * choosers of the session's event loop (so every backend connection it borrows lives on that loop, and all its
 * callbacks run on one thread), the state sync, and how long a borrow may wait.
 */
record ScatterContext(Session session, Channel client, LoopChoosers choosers, SessionSync sync,
                      long acquireTimeoutMillis) {}
