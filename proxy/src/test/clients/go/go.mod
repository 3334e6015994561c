module shardline.io/clientchecks

go 1.19

require github.com/go-sql-driver/mysql v1.5.0

// The Go module proxy is out of reach here: build against Debian's copy of the driver
// (golang-github-go-sql-driver-mysql-dev, v1.5.0). With module downloads available, drop this line and run
// `go mod tidy` to use the released module instead.
replace github.com/go-sql-driver/mysql => /usr/share/gocode/src/github.com/go-sql-driver/mysql
