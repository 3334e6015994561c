package io.shardline.proxy.config;

import io.netty.handler.ipfilter.IpFilterRuleType;
import io.netty.handler.ipfilter.IpSubnetFilterRule;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * Client addresses allowed to connect, as CIDR blocks ({@code 10.0.0.0/8}, {@code 127.0.0.1}, {@code ::1/128});
 * empty allows every address. Matching is Netty's {@link IpSubnetFilterRule} (IPv4 and IPv6).
 */
public record HostList(List<String> blocks, List<IpSubnetFilterRule> rules) {
    public static final HostList ANY = new HostList(List.of(), List.of());

    public HostList {
        blocks = List.copyOf(blocks);
        rules = List.copyOf(rules);
    }

    /** Parses blocks; an address without a prefix is one host. */
    public static HostList of(List<String> blocks) {
        List<IpSubnetFilterRule> rules = new ArrayList<>();
        for (String each : blocks) {
            rules.add(rule(each));
        }
        return new HostList(blocks, rules);
    }

    /** @throws IllegalArgumentException naming what is wrong with {@code block} */
    static IpSubnetFilterRule rule(String block) {
        String text = block.trim();
        int slash = text.indexOf('/');
        String address = slash < 0 ? text : text.substring(0, slash);
        if (address.isEmpty() || !(address.contains(".") || address.contains(":"))
                || !address.matches("[0-9a-fA-F:.]+")) {
            throw new IllegalArgumentException("'" + block + "' is not an IP address or CIDR block (write e.g."
                    + " 10.0.0.0/8, 192.168.1.7 or ::1/128; host names are not resolved)");
        }
        int max = address.contains(":") ? 128 : 32;
        int prefix = max;
        if (slash >= 0) {
            try {
                prefix = Integer.parseInt(text.substring(slash + 1));
            } catch (NumberFormatException ex) {
                prefix = -1;
            }
            if (prefix < 0 || prefix > max) {
                throw new IllegalArgumentException("'" + block + "' has a prefix length outside 0 to " + max);
            }
        }
        try {
            return new IpSubnetFilterRule(address, prefix, IpFilterRuleType.ACCEPT);
        } catch (IllegalArgumentException ex) {
            throw new IllegalArgumentException("'" + block + "' is not an IP address or CIDR block: "
                    + ex.getMessage());
        }
    }

    public boolean allows(InetSocketAddress client) {
        if (rules.isEmpty()) {
            return true;
        }
        for (IpSubnetFilterRule each : rules) {
            if (each.matches(client)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return blocks.isEmpty() ? "any" : String.join(", ", blocks);
    }
}
