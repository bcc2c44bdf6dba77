#!/bin/bash
# Run once by the mysql:8.4 image on an empty data volume, after 01-databases.sql.
# One user per service, with the password docker-compose.yml hands both to this container and
# to that service; each user is granted its own database only. (A .sh rather than a .sql file
# because the passwords come from the environment.)
set -euo pipefail

# A single-quoted SQL string literal.
sql_string() {
  local v="${1//\\/\\\\}"
  printf "'%s'" "${v//\'/\'\'}"
}

contacts_pw="$(sql_string "${RAPPORT_CONTACTS_DB_PASSWORD:?}")"
referrals_pw="$(sql_string "${RAPPORT_REFERRALS_DB_PASSWORD:?}")"
outreach_pw="$(sql_string "${RAPPORT_OUTREACH_DB_PASSWORD:?}")"
reports_pw="$(sql_string "${RAPPORT_REPORTS_DB_PASSWORD:?}")"

# During initialisation the server listens on its socket only.
mysql --protocol=socket -uroot -p"${MYSQL_ROOT_PASSWORD}" <<EOSQL
CREATE USER IF NOT EXISTS 'contacts'@'%' IDENTIFIED BY ${contacts_pw};
GRANT ALL PRIVILEGES ON \`contacts\`.* TO 'contacts'@'%';
CREATE USER IF NOT EXISTS 'referrals'@'%' IDENTIFIED BY ${referrals_pw};
GRANT ALL PRIVILEGES ON \`referrals\`.* TO 'referrals'@'%';
CREATE USER IF NOT EXISTS 'outreach'@'%' IDENTIFIED BY ${outreach_pw};
GRANT ALL PRIVILEGES ON \`outreach\`.* TO 'outreach'@'%';
CREATE USER IF NOT EXISTS 'reports'@'%' IDENTIFIED BY ${reports_pw};
GRANT ALL PRIVILEGES ON \`reports\`.* TO 'reports'@'%';
FLUSH PRIVILEGES;
EOSQL
