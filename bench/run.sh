#!/usr/bin/env bash
# Замеры nastavnik на синтетических сайтах (см. bench/README.md).
#
#   bench/run.sh [--quick] [--runs R] [--sizes 1000,10000] [--no-build]
#
# Собирает release-бинарник, генерирует сайты (с кэшем) в target/bench/ и
# для каждого N замеряет `nastavnik build` дважды по R раз:
#   clean   — выходная папка удалена (удаление вне замера);
#   rebuild — сборка поверх существующего вывода, ничего не менялось.
# Печатает в stdout таблицу Markdown; ход работы — в stderr.
#
# Переменные окружения: NASTAVNIK — путь к бинарнику (по умолчанию
# $CARGO_TARGET_DIR/release/nastavnik или target/release/nastavnik).
set -euo pipefail

cd "$(dirname "$0")/.."
REPO=$PWD

SIZES=(1000 10000)
RUNS=5
BUILD=1
DATE=2024-06-01
SEED=1
# Дорожная карта и показатели — типичного для школы размера.
GEN_EXTRA=(--roadmap-items 60 --kpi-indicators 10 --kpi-years 5)

usage() { sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'; }

while [[ $# -gt 0 ]]; do
    case $1 in
        --quick) SIZES=(1000) ;;
        --runs) RUNS=${2:?--runs: нужно число}; shift ;;
        --sizes) IFS=', ' read -r -a SIZES <<<"${2:?--sizes: нужен список, например 1000,10000}"; shift ;;
        --no-build) BUILD=0 ;;
        -h|--help) usage; exit 0 ;;
        *) echo "run.sh: неизвестный параметр: $1" >&2; usage >&2; exit 2 ;;
    esac
    shift
done

[[ $RUNS =~ ^[1-9][0-9]*$ ]] || { echo "run.sh: --runs должно быть положительным числом" >&2; exit 2; }
[[ -x /usr/bin/time ]] || { echo "run.sh: нужен GNU time (/usr/bin/time): apt-get install time" >&2; exit 1; }

TARGET=${CARGO_TARGET_DIR:-$REPO/target}
BIN=${NASTAVNIK:-$TARGET/release/nastavnik}
BENCH=$REPO/target/bench
mkdir -p "$BENCH"

log() { echo "run.sh: $*" >&2; }

if [[ $BUILD == 1 ]]; then
    log "cargo build --release"
    cargo build --release >&2
fi
[[ -x $BIN ]] || { echo "run.sh: нет бинарника $BIN" >&2; exit 1; }

GEN_HASH=$(sha256sum "$REPO/bench/gen_site.py" | cut -c1-16)

# Генерирует сайт N в $BENCH/site-N, если он ещё не создан с теми же параметрами.
ensure_site() {
    local n=$1 site=$BENCH/site-$1 stamp=$BENCH/site-$1.args
    local args="--practices $n --seed $SEED ${GEN_EXTRA[*]} gen_site.py=$GEN_HASH"
    if [[ -f $stamp && -f $site/site.yaml && $(cat "$stamp") == "$args" ]]; then
        log "сайт N=$n уже сгенерирован ($site)"
        return
    fi
    log "генерация сайта N=$n → $site"
    rm -rf "$site" "$stamp"
    python3 "$REPO/bench/gen_site.py" --practices "$n" --out "$site" --seed "$SEED" "${GEN_EXTRA[@]}"
    echo "$args" >"$stamp"
}

# Удаляет из папки сайта всё, кроме исходников: public/ и любые служебные
# папки сборки (предыдущие поколения, staging, кэш), чтобы clean был чистым.
clean_output() {
    local site=$1 entry
    for entry in "$site"/* "$site"/.[!.]* "$site"/..?*; do
        [[ -e $entry || -L $entry ]] || continue
        case ${entry##*/} in
            site.yaml|content|data|static) ;;
            *) rm -rf -- "$entry" ;;
        esac
    done
    sync
}

median() { sort -g | awk '{a[NR]=$1} END {if (NR % 2) print a[(NR+1)/2]; else printf "%.2f\n", (a[NR/2]+a[NR/2+1])/2}'; }

# Один замер: печатает "секунды пик_КБ".
timed_build() {
    local site=$1 tf=$BENCH/time.txt out=$BENCH/build.log
    if ! /usr/bin/time -f '%e %M' -o "$tf" \
        "$BIN" build --root "$site" --output "$site/public" --date "$DATE" >"$out" 2>&1; then
        echo "run.sh: сборка $site завершилась с ошибкой; конец вывода:" >&2
        tail -n 30 "$out" >&2
        exit 1
    fi
    tail -n 1 "$tf"
}

# R замеров одного режима; печатает строку таблицы.
measure() {
    local n=$1 mode=$2 site=$BENCH/site-$1 i times=() peaks=()
    for ((i = 1; i <= RUNS; i++)); do
        [[ $mode == clean ]] && clean_output "$site"
        local res t m
        res=$(timed_build "$site")
        read -r t m <<<"$res"
        log "N=$n $mode #$i: $t с, $((m / 1024)) МиБ"
        times+=("$t"); peaks+=("$m")
    done
    local med min max peak html size
    med=$(printf '%s\n' "${times[@]}" | median)
    min=$(printf '%s\n' "${times[@]}" | sort -g | head -n 1)
    max=$(printf '%s\n' "${times[@]}" | sort -g | tail -n 1)
    peak=$(printf '%s\n' "${peaks[@]}" | sort -n | tail -n 1)
    # "$site/public/" — с косой чертой, чтобы пройти и по символической ссылке.
    html=$(find "$site/public/" -type f -name '*.html' | wc -l)
    size=$(du -sm "$site/public/" | cut -f1)
    printf '| %s | %s | %s | %s | %s–%s | %s | %s |\n' \
        "$(fmt_int "$n")" "$mode" "$(fmt_int "$html")" "$med" "$min" "$max" \
        "$(fmt_int $((peak / 1024)))" "$(fmt_int "$size")" >>"$TABLE"
}

# 10000 → «10 000».
fmt_int() { sed -E ':a; s/^([0-9]+)([0-9]{3})/\1 \2/; ta' <<<"$1"; }

TABLE=$BENCH/table.md
: >"$TABLE"
for n in "${SIZES[@]}"; do
    [[ $n =~ ^[0-9]+$ ]] || { echo "run.sh: --sizes: не число: $n" >&2; exit 2; }
    ensure_site "$n"
    measure "$n" clean
    measure "$n" rebuild
done

rev=$(git -C "$REPO" rev-parse --short HEAD 2>/dev/null || echo "без коммита")
echo "nastavnik $rev, ядер: $(nproc), --date $DATE, запусков на режим: $RUNS, $(date +%Y-%m-%d)"
echo
echo "| N практик | сборка | HTML-файлов | медиана, с | мин–макс, с | пик памяти, МиБ | вывод, МиБ |"
echo "|---:|---|---:|---:|---:|---:|---:|"
cat "$TABLE"
