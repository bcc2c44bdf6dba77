#!/bin/bash
# One database and one user per service, each user granted its own database only (as
# deploy/compose/mysql-init does for Docker). Idempotent: run again after changing a password in
# a <service>-db Secret; the old password stays valid (RETAIN CURRENT PASSWORD) until
# `ALTER USER ... DISCARD OLD PASSWORD` (docs/runbook.md "Rotate the database secrets").
set -euo pipefail

# A single-quoted SQL string literal.
sql_string() {
  local v="${1//\\/\\\\}"
  printf "'%s'" "${v//\'/\'\'}"
}

until mysql --host="$DB_HOST" --user="$ROOT_USER" --password="$ROOT_PASSWORD" -e 'SELECT 1' >/dev/null 2>&1; do
  echo "waiting for $DB_HOST"
  sleep 5
done

sql=""
for service in contacts referrals outreach reports; do
  upper="${service^^}"
  user_var="${upper}_DB_USER"
  password_var="${upper}_DB_PASSWORD"
  user="$(sql_string "${!user_var:?}")"
  password="$(sql_string "${!password_var:?}")"
  sql+="CREATE DATABASE IF NOT EXISTS \`${service}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_0900_ai_ci;
CREATE USER IF NOT EXISTS ${user}@'%' IDENTIFIED BY ${password} REQUIRE SSL;
ALTER USER ${user}@'%' IDENTIFIED BY ${password} RETAIN CURRENT PASSWORD;
GRANT ALL PRIVILEGES ON \`${service}\`.* TO ${user}@'%';
"
  echo "database ${service}: user ${!user_var}"
done
mysql --host="$DB_HOST" --user="$ROOT_USER" --password="$ROOT_PASSWORD" <<<"$sql"
