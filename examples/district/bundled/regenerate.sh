#!/bin/sh
# Пересобирает examples/district/bundles/licey-9.json из папки сайта лицея.
# Запуск из корня репозитория: examples/district/bundled/regenerate.sh
set -eu
here=$(dirname "$0")
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
${NASTAVNIK:-cargo run --quiet --} build --root "$here/licey-9" --output "$out/public" --date 2024-12-20
mkdir -p "$here/../bundles"
cp "$out/public/export/bundle.json" "$here/../bundles/licey-9.json"
