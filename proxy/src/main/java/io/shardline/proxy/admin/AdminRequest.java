package io.shardline.proxy.admin;

import io.netty.handler.codec.http.HttpMethod;

/**
 * One HTTP request to the management port, copied out of Netty's buffers so handlers never touch reference counts.
 *
 * @param path          the path without the query string, e.g. {@code /ready}
 * @param authorization the Authorization header, or null; for the admin API's writes (a bearer token), not yet used
 * @param body          the request body as UTF-8 text, empty when there is none
 */
public record AdminRequest(HttpMethod method, String path, String authorization, String body) {}
