#!/usr/bin/env bash
# Generates a migration for BOTH dialects from the current entities:
#   tools/scripts/migration-generate.sh AddContracts
# and registers the new classes in backend/src/core/database/migrations/{sqlite,mysql}/index.ts.
# Needs a running MariaDB (tools/scripts/services.sh start).
set -euo pipefail
name=${1:?usage: $0 MigrationName}
cd "$(dirname "$0")/../.."
export TS_NODE_PROJECT=backend/tsconfig.cli.json TS_NODE_TRANSPILE_ONLY=1
cli="npx typeorm-ts-node-commonjs"
ds=backend/src/data-source.cli.ts
dir=backend/src/core/database/migrations

sqlite_db=$(mktemp -d)/gen.sqlite
DATABASE_PATH=$sqlite_db $cli migration:run -d $ds >/dev/null
DATABASE_PATH=$sqlite_db $cli migration:generate -d $ds "$dir/sqlite/$name"

db="atrium_gen_$$"
mariadb -uroot -e "CREATE DATABASE $db"
trap 'mariadb -uroot -e "DROP DATABASE IF EXISTS $db"' EXIT
export DATABASE_TYPE=mariadb DATABASE_USER=atrium DATABASE_PASSWORD=atrium DATABASE_NAME=$db
$cli migration:run -d $ds >/dev/null
$cli migration:generate -d $ds "$dir/mysql/$name"
# The bundled backend cannot glob for migrations: list the new classes in each dialect's index.
for dialect in sqlite mysql; do
  file=$(ls -t "$dir/$dialect/"*"-$name.ts" | head -n 1)
  class=$(grep -o 'class [A-Za-z0-9]*' "$file" | cut -d' ' -f2)
  sed -i "1i import { $class } from './$(basename "$file" .ts)';" "$dir/$dialect/index.ts"
  # The array may span lines (prettier): append before its closing bracket.
  node -e "const fs=require('fs');const f=process.argv[1];fs.writeFileSync(f,fs.readFileSync(f,'utf8').replace(/(_MIGRATIONS = \[[^\]]*?),?\s*\];/s,'\$1, '+process.argv[2]+'];'))" "$dir/$dialect/index.ts" "$class"
done
npx prettier --write "$dir" >/dev/null
echo "Generated and registered $name for SQLite and MySQL/MariaDB; review the SQL before committing."
