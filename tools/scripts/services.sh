#!/usr/bin/env bash
# Starts the system services the test suites use (MariaDB, Redis) when they are installed but
# not running, and creates the test database user. Installing them is .ci/run's job (apt).
#   tools/scripts/services.sh start   start and wait until they answer
#   tools/scripts/services.sh check   exit 0 only if both answer
set -euo pipefail

mysql_up() { mariadb-admin ping --silent >/dev/null 2>&1 || mysqladmin ping --silent >/dev/null 2>&1; }
redis_up() { redis-cli -h 127.0.0.1 -p 6379 ping 2>/dev/null | grep -q PONG; }

wait_for() {
  local what=$1 probe=$2
  for _ in $(seq 1 60); do
    if $probe; then return 0; fi
    sleep 0.5
  done
  echo "services: $what did not come up" >&2
  return 1
}

start() {
  if ! mysql_up; then
    if ! command -v mariadbd >/dev/null 2>&1 && [ ! -x /usr/sbin/mariadbd ]; then
      echo "services: MariaDB is not installed (apt-get install -y mariadb-server)" >&2
      return 1
    fi
    mkdir -p /run/mysqld && chown mysql:mysql /run/mysqld 2>/dev/null || true
    if command -v service >/dev/null 2>&1 && service mariadb start >/dev/null 2>&1; then :; else
      start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd -- --user=mysql
    fi
    wait_for MariaDB mysql_up
  fi
  mariadb -uroot <<'SQL'
CREATE USER IF NOT EXISTS 'atrium'@'127.0.0.1' IDENTIFIED BY 'atrium';
CREATE USER IF NOT EXISTS 'atrium'@'localhost' IDENTIFIED BY 'atrium';
GRANT ALL PRIVILEGES ON *.* TO 'atrium'@'127.0.0.1';
GRANT ALL PRIVILEGES ON *.* TO 'atrium'@'localhost';
FLUSH PRIVILEGES;
SQL
  if ! redis_up; then
    if ! command -v redis-server >/dev/null 2>&1; then
      echo "services: Redis is not installed (apt-get install -y redis-server)" >&2
      return 1
    fi
    redis-server --daemonize yes --port 6379 --bind 127.0.0.1 --save '' --appendonly no >/dev/null
    wait_for Redis redis_up
  fi
  echo "services: MariaDB and Redis are up"
}

case "${1:-start}" in
  start) start ;;
  check) mysql_up && redis_up ;;
  *) echo "usage: $0 start|check" >&2; exit 64 ;;
esac
