package io.shardline.proxy.it;

import io.shardline.proxy.ShardlineServer;
import java.time.Duration;
import java.util.function.Predicate;

/** Reading a proxy's Prometheus scrape in tests: sums of samples, and waiting for one to move. */
final class Scrapes {
    private Scrapes() {}

    static String of(ShardlineServer proxy) {
        return proxy.meters().scrape();
    }

    /** The sum of the samples whose line starts with {@code prefix} (a name and its first labels). */
    static double sum(String scrape, String prefix) {
        double result = 0;
        for (String line : scrape.split("\n")) {
            if (line.startsWith(prefix)) {
                result += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return result;
    }

    static double sum(ShardlineServer proxy, String prefix) {
        return sum(of(proxy), prefix);
    }

    /** Polls the scrape until {@code condition} holds; fails after 10 s with the last scrape. */
    static String await(ShardlineServer proxy, String what, Predicate<String> condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        String scrape = of(proxy);
        while (!condition.test(scrape)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what + "; last scrape:\n" + scrape);
            }
            Thread.sleep(10);
            scrape = of(proxy);
        }
        return scrape;
    }
}
