package io.shardline.proxy.backend;

import io.shardline.proxy.config.PoolSettings;

/**
 * One MySQL server the proxy connects to, with the account it logs in with.
 *
 * @param name a label for errors and metrics, e.g. "main/primary@127.0.0.1:3316"
 * @param dataSource the data source the server belongs to (its primary or one of its replicas)
 */
public record BackendServer(String name, String dataSource, String host, int port, String user, String password, boolean tls,
                            PoolSettings pool) {
    public String address() {
        return host + ":" + port;
    }

    @Override
    public String toString() {
        return name;
    }
}
