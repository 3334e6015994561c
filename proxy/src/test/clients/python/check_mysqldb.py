#!/usr/bin/python3
"""mysqlclient (MySQLdb, on MariaDB Connector/C) through Shardline vs directly against MariaDB
(Debian: python3-mysqldb).

Run: python3 check_mysqldb.py   (ports and users from the environment, see common.py; run-all.sh sets them)
Text protocol only: MySQLdb interpolates parameters client-side. Multi-statements are switched on here.
TLS: mysqlclient 1.4 cannot report the cipher, so the connection goes through common.TlsSniffer, which checks
that the client really sent an SSLRequest followed by a TLS ClientHello.
"""
import sys

import MySQLdb
from MySQLdb.constants import CLIENT

from common import HOST, SCHEMA
from scenario import main


class MySQLdbAdapter:
    name = "mysqldb"
    Error = MySQLdb.MySQLError
    tls = sha2_rsa = sha2_tls = True

    @staticmethod
    def connect(target, db=SCHEMA, tls=False):
        options = {"ssl": {"cipher": "DEFAULT"}} if tls else {}  # any ssl key turns TLS on; no verification
        return MySQLdb.connect(host=HOST, port=target["port"], user=target["user"], password=target["password"],
                               database=db, charset="utf8mb4", connect_timeout=20, read_timeout=30,
                               local_infile=1, client_flag=CLIENT.MULTI_STATEMENTS | CLIENT.MULTI_RESULTS, **options)

    @staticmethod
    def change_user(conn, target):
        conn.change_user(target["user"], target["password"], SCHEMA)

    @staticmethod
    def error(conn, exc):
        code, message = (exc.args + (None, None))[:2]
        sqlstate = conn.sqlstate() if conn is not None else None
        return {"class": type(exc).__name__, "code": code, "sqlstate": sqlstate, "message": message}

    @staticmethod
    def handshake(conn):
        return {"server_version": conn.get_server_info(), "protocol": conn.get_proto_info(),
                "capabilities": conn.server_capabilities, "charset": conn.character_set_name(),
                "autocommit": conn.get_autocommit()}

    @staticmethod
    def meta(cur):
        return [{"description": list(d), "flags": f} for d, f in zip(cur.description, cur.description_flags)]

    @staticmethod
    def extra(conn, cur):
        return {"info": conn.info(), "warning_count": conn.warning_count(), "affected_rows": conn.affected_rows(),
                "insert_id": conn.insert_id(), "field_count": conn.field_count()}


if __name__ == "__main__":
    sys.exit(main(MySQLdbAdapter))
