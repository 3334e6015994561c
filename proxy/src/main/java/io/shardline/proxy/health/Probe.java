package io.shardline.proxy.health;

/**
 * Checks one server. {@link JdbcProbe} is the real one; tests give the monitor fakes, so the rules and the
 * monitor's bookkeeping run without a database.
 *
 * <p>The monitor never runs two checks of the same probe at once.
 */
interface Probe extends AutoCloseable {

    /** One check; never throws: a failure is a {@link CheckResult#failed failed} result. */
    CheckResult check();

    @Override
    default void close() {}

    /** Makes the probe for each server, and owns whatever they share. */
    interface Factory extends AutoCloseable {

        Probe open(MonitoredServer server);

        /** Called after every probe it made is closed. */
        @Override
        default void close() {}
    }
}
