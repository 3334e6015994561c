package io.shardline.proxy.backend;

/** What one backend packet is within its response. */
public enum PacketKind {
    OK, ERR, EOF, TERMINATOR_OK, COLUMN_COUNT, COLUMN_DEFINITION, ROW, LOCAL_INFILE_REQUEST, PREPARE_OK,
    CONTINUATION, OTHER
}
