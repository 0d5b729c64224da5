#!/usr/bin/env bash
# Adds a migration for both providers: scripts/add-migration.sh AddCases
# See docs/migrations.md for why it is done this way.
set -euo pipefail
name=${1:?usage: scripts/add-migration.sh MigrationName}
cd "$(dirname "$0")/.."
dotnet tool restore >/dev/null
dotnet build src/Weimin -p:EfDesign=true -v q -nologo >/dev/null
for provider in Sqlite Postgres; do
  dotnet ef migrations add "$name" --no-build --project src/Weimin --startup-project src/Weimin \
    --context "${provider}AppDb" --output-dir "Data/Migrations/$provider"
done
# Leave a normal build behind, without the design-time assembly.
dotnet build src/Weimin -v q -nologo >/dev/null
echo "Added $name for SQLite and PostgreSQL under src/Weimin/Data/Migrations/."
