package io.shardline.router.classify;

/**
 * A KILL aimed at one thread: {@code KILL [HARD|SOFT] [CONNECTION|QUERY] N}.
 *
 * @param queryOnly true for KILL QUERY: end the running statement and keep the connection
 * @param threadId  the processlist id as the client sees it (the proxy's id, to be mapped to a backend)
 */
public record KillCommand(boolean queryOnly, long threadId) {}
