#!/bin/sh
# Dumps one PostgreSQL database (plain SQL, gzip), uploads it to s3://BUCKET/BACKUP_PREFIX/ and
# deletes archives older than RETENTION_DAYS. Needs pg_dump, gzip, awk and the aws CLI.
#
# Environment (besides those of backup-lib.sh):
#   PGHOST, PGPORT, PGUSER, PGPASSWORD, PGDATABASE   read by pg_dump itself
#   BACKUP_PREFIX   key prefix inside the bucket (default postgres)
set -eu

. "$(dirname "$0")/backup-lib.sh"

require PGHOST PGPORT PGUSER PGDATABASE BUCKET S3_ENDPOINT RETENTION_DAYS
prefix=${BACKUP_PREFIX:-postgres}
archive="$WORK_DIR/$PGDATABASE-$(timestamp).sql.gz"
status="$WORK_DIR/pg_dump.status"

log "dumping database $PGDATABASE from $PGHOST:$PGPORT"
# POSIX sh has no pipefail: pg_dump's exit status travels through a file, so a failed dump is
# never uploaded as if it were complete.
{ pg_dump --no-password && echo 0 >"$status" || echo "$?" >"$status"; } | gzip -c >"$archive"
dump_status=$(cat "$status")
rm -f "$status"
[ "$dump_status" -eq 0 ] || fail "pg_dump exited with status $dump_status"
gzip -t "$archive"

upload "$archive" "$prefix"
rm -f "$archive"
prune "$prefix"
log "backup of $PGDATABASE complete"
