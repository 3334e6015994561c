// go-sql-driver/mysql through Shardline vs directly against MariaDB. Run: bash run.sh (ports and users from the
// environment, as run-all.sh sets them). Each run uses two pinned connections: "text" (interpolateParams=true:
// parameters interpolated client-side, text protocol) and "bin" (interpolateParams=false: server-side prepared
// statements, binary rows; the 3 MiB BLOB parameter goes as COM_STMT_SEND_LONG_DATA). TLS is tls=skip-verify,
// which the driver enforces (it refuses a server without TLS), so a working TLS login proves TLS was used.
package main

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/go-sql-driver/mysql"
)

type target struct{ port, user, password string }
type step struct {
	Name string
	Data interface{}
}

var (
	host    = env("CHECK_HOST", "127.0.0.1")
	schema  = env("CHECK_SCHEMA", "clients_check")
	direct  = target{env("DIRECT_PORT", "29316"), env("DIRECT_USER", "shardline"), env("DIRECT_PASSWORD", "shardline")}
	proxy   = target{env("PROXY_PORT", "29307"), env("PROXY_USER", "shardline"), env("PROXY_PASSWORD", "shardline")}
	sha2Pwd = env("SHA2_PASSWORD", "sha2pass")
	allowed = map[string]string{} // go-sql-driver exposes no handshake details, so nothing deliberate shows up
)

// trace prints progress on stderr when CHECK_TRACE is set, to locate a step that hangs.
func trace(what string) {
	if os.Getenv("CHECK_TRACE") != "" {
		fmt.Fprintf(os.Stderr, "%s %s\n", time.Now().Format("15:04:05.000"), what)
	}
}

func env(name, fallback string) string {
	if v := os.Getenv(name); v != "" {
		return v
	}
	return fallback
}

func dsn(t target, db string, interpolate bool, tls bool) string {
	params := fmt.Sprintf("multiStatements=true&interpolateParams=%v&charset=utf8mb4&timeout=20s&readTimeout=30s", interpolate)
	if interpolate {
		params += "&maxAllowedPacket=0&allowAllFiles=true" // the server's packet limit fits the 3 MiB row
	}
	if tls {
		params += "&tls=skip-verify"
	}
	return fmt.Sprintf("%s:%s@tcp(%s:%s)/%s?%s", t.user, t.password, host, t.port, db, params)
}

// norm makes a scanned value JSON-friendly while keeping its Go type visible.
func norm(v interface{}) interface{} {
	switch x := v.(type) {
	case nil:
		return nil
	case []byte:
		if len(x) > 200 {
			return fmt.Sprintf("[]byte[%d] sha256=%x", len(x), sha256.Sum256(x))[:40]
		}
		return fmt.Sprintf("[]byte:%q", x)
	case string:
		if len(x) > 300 {
			return fmt.Sprintf("string[%d] sha256=%x", len(x), sha256.Sum256([]byte(x)))[:40]
		}
		return x
	case time.Time:
		return "time:" + x.Format(time.RFC3339Nano)
	default:
		return fmt.Sprintf("%T:%v", v, v)
	}
}

func errorOf(err error) map[string]interface{} {
	if me, ok := err.(*mysql.MySQLError); ok {
		return map[string]interface{}{"number": me.Number, "message": me.Message}
	}
	return map[string]interface{}{"other": err.Error()}
}

type querier interface {
	QueryContext(ctx context.Context, query string, args ...interface{}) (*sql.Rows, error)
	ExecContext(ctx context.Context, query string, args ...interface{}) (sql.Result, error)
}

var ctx = context.Background()

// query records every result set of a statement, or its error.
func query(q querier, sqlText string, args ...interface{}) interface{} {
	rows, err := q.QueryContext(ctx, sqlText, args...)
	if err != nil {
		return map[string]interface{}{"error": errorOf(err)}
	}
	defer rows.Close()
	var sets []interface{}
	for {
		types, _ := rows.ColumnTypes()
		var columns, data []interface{}
		for _, c := range types {
			length, hasLength := c.Length()
			precision, scale, hasDecimal := c.DecimalSize()
			nullable, _ := c.Nullable()
			columns = append(columns, []interface{}{c.Name(), c.DatabaseTypeName(), length, hasLength, precision,
				scale, hasDecimal, nullable, c.ScanType().String()})
		}
		for rows.Next() {
			values := make([]interface{}, len(types))
			pointers := make([]interface{}, len(types))
			for i := range values {
				pointers[i] = &values[i]
			}
			if err := rows.Scan(pointers...); err != nil {
				data = append(data, map[string]interface{}{"scan_error": err.Error()})
				continue
			}
			row := make([]interface{}, len(values))
			for i, v := range values {
				row[i] = norm(v)
			}
			data = append(data, row)
		}
		set := map[string]interface{}{"columns": columns, "rows": data}
		if err := rows.Err(); err != nil {
			set["error"] = errorOf(err)
		}
		sets = append(sets, set)
		if !rows.NextResultSet() {
			break
		}
	}
	if err := rows.Err(); err != nil {
		sets = append(sets, map[string]interface{}{"error": errorOf(err)})
	}
	return sets
}

func exec(q querier, sqlText string, args ...interface{}) interface{} {
	res, err := q.ExecContext(ctx, sqlText, args...)
	if err != nil {
		return map[string]interface{}{"error": errorOf(err)}
	}
	affected, err1 := res.RowsAffected()
	id, err2 := res.LastInsertId()
	return map[string]interface{}{"affected": affected, "insert_id": id, "errors": fmt.Sprint(err1, err2)}
}

// pinned opens one connection of a pool so session state (transactions, variables) stays on it.
func pinned(d string) (*sql.DB, *sql.Conn, error) {
	db, err := sql.Open("mysql", d)
	if err != nil {
		return nil, nil, err
	}
	conn, err := db.Conn(ctx)
	if err != nil {
		db.Close()
		return nil, nil, err
	}
	return db, conn, nil
}

func loginError(t target, db string, tls bool) interface{} {
	pool, conn, err := pinned(dsn(t, db, true, tls))
	if err != nil {
		return map[string]interface{}{"error": errorOf(err)}
	}
	conn.Close()
	pool.Close()
	return "connected"
}

func main() {
	out := &outcome{fields: map[string]int{}}
	directSteps := scenario(direct, false, true)
	out.compare("proxy", directSteps, scenario(proxy, false, true))
	var core []step
	for _, s := range directSteps {
		if s.Name != "wrong_password" && s.Name != "unknown_schema" {
			core = append(core, s)
		}
	}
	wrong := directSteps[len(directSteps)-2].Data
	out.compare("proxy-tls", core, scenario(proxy, true, false))
	for _, kind := range []string{"rsa", "tls"} {
		user := target{proxy.port, "sha2_" + kind + "_go", sha2Pwd}
		out.compare("sha2-"+kind, core, scenario(user, kind == "tls", false))
		expected := strings.Replace(fmt.Sprint(wrong), "'"+direct.user+"'", "'"+user.user+"'", 1)
		got := fmt.Sprint(loginError(target{user.port, user.user, "wrong-password"}, schema, kind == "tls"))
		out.compare("sha2-"+kind, []step{{"wrong_password", expected}}, []step{{"wrong_password", got}})
	}
	out.finish()
}

// stmt2q lets a prepared *sql.Stmt go through query(): the SQL text is the statement's own.
type stmt2q struct{ stmt *sql.Stmt }

func (s stmt2q) QueryContext(c context.Context, _ string, args ...interface{}) (*sql.Rows, error) {
	return s.stmt.QueryContext(c, args...)
}

func (s stmt2q) ExecContext(c context.Context, _ string, args ...interface{}) (sql.Result, error) {
	return s.stmt.ExecContext(c, args...)
}
