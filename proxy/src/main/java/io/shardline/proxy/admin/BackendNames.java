package io.shardline.proxy.admin;

import java.util.ArrayList;
import java.util.List;

/**
 * Finds the server an operator means: its full name as the proxy names it ({@code main/replica@127.0.0.1:3317}),
 * or its bare {@code HOST:PORT} when exactly one server has that address (the same server may be configured in
 * two data sources, and then only the full name says which).
 */
final class BackendNames {
    private BackendNames() {}

    /**
     * @param known every server's full name, in configuration order
     * @return the full name {@code given} means
     * @throws AdminException 404 when no server has that name or address, 400 when several have that address
     */
    static String resolve(String given, List<String> known) {
        if (known.contains(given)) {
            return given;
        }
        List<String> byAddress = new ArrayList<>();
        for (String each : known) {
            if (address(each).equals(given)) {
                byAddress.add(each);
            }
        }
        if (byAddress.size() == 1) {
            return byAddress.get(0);
        }
        if (byAddress.isEmpty()) {
            throw AdminException.notFound("no backend named '" + given + "'; backends: " + String.join(", ", known)
                    + " (a full name, or HOST:PORT)");
        }
        throw AdminException.badRequest("'" + given + "' is the address of several backends: "
                + String.join(", ", byAddress) + "; give the full name");
    }

    /** {@code HOST:PORT} of a full name: what follows its last '@'. */
    static String address(String name) {
        return name.substring(name.lastIndexOf('@') + 1);
    }
}
