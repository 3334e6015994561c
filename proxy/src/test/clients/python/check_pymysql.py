#!/usr/bin/python3
"""PyMySQL through Shardline vs directly against MariaDB (Debian: python3-pymysql, python3-cryptography).

Run: python3 check_pymysql.py   (ports and users from the environment, see common.py; run-all.sh sets them)
Text protocol only: PyMySQL interpolates parameters client-side and has no server-side prepared statements.
"""
import ssl
import sys

import pymysql
from pymysql.constants import CLIENT

from common import HOST, SCHEMA
from scenario import main

# PyMySQL drops the SQLSTATE of an error packet: keep it on the exception.
_raise = pymysql.err.raise_mysql_exception


def _raise_with_sqlstate(data):
    try:
        _raise(data)
    except pymysql.err.MySQLError as exc:
        exc.sqlstate = data[4:9].decode() if data[3:4] == b"#" else None
        raise


pymysql.err.raise_mysql_exception = _raise_with_sqlstate


class PyMySQLAdapter:
    name = "pymysql"
    Error = pymysql.err.MySQLError
    tls = sha2_rsa = sha2_tls = True

    @staticmethod
    def connect(target, db=SCHEMA, tls=False):
        options = {}
        if tls:
            context = ssl.create_default_context()
            context.check_hostname = False
            context.verify_mode = ssl.CERT_NONE
            options["ssl"] = context
        return pymysql.connect(host=HOST, port=target["port"], user=target["user"], password=target["password"],
                               database=db, charset="utf8mb4", client_flag=CLIENT.MULTI_STATEMENTS,
                               connect_timeout=20, read_timeout=30, local_infile=True, **options)

    @staticmethod
    def error(conn, exc):
        code, message = (exc.args + (None, None))[:2]
        return {"class": type(exc).__name__, "code": code, "sqlstate": getattr(exc, "sqlstate", None),
                "message": message}

    @staticmethod
    def handshake(conn):
        return {"server_version": conn.server_version, "protocol": conn.protocol_version,
                "capabilities": conn.server_capabilities, "server_charset": conn.server_charset,
                "server_status": conn.server_status, "autocommit": conn.get_autocommit()}

    @staticmethod
    def meta(cur):
        return [{"name": f.name, "org_name": f.org_name, "table": f.table_name, "org_table": f.org_table,
                 "db": f.db, "catalog": f.catalog, "charsetnr": f.charsetnr, "length": f.length,
                 "type": f.type_code, "flags": f.flags, "decimals": f.scale, "description": f.description()}
                for f in cur._result.fields]

    @staticmethod
    def extra(conn, cur):
        r = cur._result
        return {"affected_rows": r.affected_rows, "insert_id": r.insert_id, "server_status": r.server_status,
                "warning_count": r.warning_count, "message": r.message, "has_next": r.has_next} if r else {}


if __name__ == "__main__":
    sys.exit(main(PyMySQLAdapter))
