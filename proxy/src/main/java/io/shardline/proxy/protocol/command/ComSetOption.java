package io.shardline.proxy.protocol.command;

/** COM_SET_OPTION: turn multi-statement support on (0) or off (1). */
public record ComSetOption(int option) implements ClientCommand {
    public static final int MULTI_STATEMENTS_ON = 0;
    public static final int MULTI_STATEMENTS_OFF = 1;
}
