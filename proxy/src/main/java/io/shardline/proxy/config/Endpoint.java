package io.shardline.proxy.config;

/** host:port of a server. */
public record Endpoint(String host, int port) {
    public static Endpoint parse(String text) {
        return parse(text, 1);
    }

    /** For a listening address, where port 0 means "any free port". */
    public static Endpoint parseListen(String text) {
        return parse(text, 0);
    }

    private static Endpoint parse(String text, int lowestPort) {
        int colon = text.lastIndexOf(':');
        if (colon <= 0 || colon == text.length() - 1) {
            throw new IllegalArgumentException("'" + text + "' is not host:port (for example 127.0.0.1:3306)");
        }
        try {
            int port = Integer.parseInt(text.substring(colon + 1).trim());
            if (port < lowestPort || port > 65535) {
                throw new IllegalArgumentException("port " + port + " in '" + text + "' is outside " + lowestPort
                        + "-65535");
            }
            return new Endpoint(text.substring(0, colon).trim(), port);
        } catch (NumberFormatException ex) {
            throw new IllegalArgumentException("'" + text + "' has no numeric port (for example 127.0.0.1:3306)");
        }
    }

    @Override
    public String toString() {
        return host + ":" + port;
    }
}
