#!/usr/bin/env bash
# Installs and builds everything Vigie needs, from Debian's archive and the npm registry only.
# Idempotent: a second run checks a few stamps and returns in seconds.
#
# Usage: deploy/setup.sh            (as root on Debian 12; without root it only checks)
# Env:   VIGIE_DEPS  cache for dependency sources and wasm builds (default ~/.cache/vigie),
#                    kept outside the work tree so fresh clones start warm.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
deps=${VIGIE_DEPS:-$HOME/.cache/vigie}
mkdir -p "$deps"

log() { printf '\033[1m[setup]\033[0m %s\n' "$*"; }

# --- [SECTION] Debian packages -------------------------------------------------------------
packages=(
  build-essential cmake ninja-build pkg-config python3 perl xz-utils dpkg-dev
  emscripten binaryen
  nlohmann-json3-dev catch2 libicu-dev icu-devtools libstemmer-dev libzstd-dev
  chromium fonts-noto-core fonttools
  libreoffice-help-fr gimp-help-fr manpages-fr man-db groff-base wfrench  # French text for tests and benchmarks
)
command -v node >/dev/null || packages+=(nodejs)
command -v npm >/dev/null || packages+=(npm)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
apt_updated=0
apt_update() { [ $apt_updated = 1 ] || { apt-get update -qq; apt_updated=1; }; }
if [ ${#missing[@]} -gt 0 ]; then
  [ "$(id -u)" = 0 ] || { echo "setup: missing packages (${missing[*]}); run as root" >&2; exit 1; }
  log "installing ${missing[*]}"
  apt_update
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# --- [SECTION] Debian sources (imgui, icu, snowball, zstd, lz4) -----------------------------
# deb-src entries are derived from the machine's own apt configuration, so the same mirror
# (or snapshot) that served the binaries serves the sources.
have_src() { grep -rqsE '^(Types:.*deb-src|deb-src )' /etc/apt/sources.list /etc/apt/sources.list.d/; }
fetch_source() { # dir-glob name [name=version…]: the first that apt-get source can fetch
  local glob=$1
  shift
  compgen -G "$deps/src/$glob" >/dev/null && return 0
  if ! have_src; then
    log "enabling deb-src entries"
    for f in /etc/apt/sources.list.d/*.sources; do
      [ -e "$f" ] || continue
      grep -q '^Types: deb$' "$f" || continue
      sed 's/^Types: deb$/Types: deb-src/' "$f" > "/etc/apt/sources.list.d/vigie-src-$(basename "$f")"
    done
    if [ -f /etc/apt/sources.list ]; then
      sed -n 's/^deb /deb-src /p' /etc/apt/sources.list > /etc/apt/sources.list.d/vigie-src.list
    fi
    apt_updated=0
  fi
  apt_update
  mkdir -p "$deps/src"
  for name in "$@"; do
    log "apt-get source $name"
    (cd "$deps/src" && apt-get source -qq "$name" >/dev/null 2>&1) || true
    compgen -G "$deps/src/$glob" >/dev/null && return 0
  done
  echo "setup: apt-get source $* failed" >&2
  exit 1
}
fetch_source 'imgui-1.86*' imgui
fetch_source 'icu-72.1' icu
fetch_source 'snowball-2.2.0' snowball
# The archive's mirror may lack the sources of a security update: then the release's.
fetch_source 'libzstd-1.5.4*' libzstd libzstd=1.5.4+dfsg2-5
fetch_source 'lz4-1.9.4' lz4 lz4=1.9.4-1

# --- [SECTION] wasm builds of ICU common + data, the Snowball French stemmer and zstd ------
# The stamp hashes this section and the CMake project, so editing the rest of the script does
# not rebuild ICU.
wasm_recipe=$(sed -n '/^# --- \[SECTION\] wasm builds/,/^# --- \[SECTION\] npm/p' "$0")
stamp="$deps/wasm/.stamp-$({ echo "$wasm_recipe"; cat "$root/deploy/wasm-deps/CMakeLists.txt"; } | sha256sum | cut -c1-16)"
if [ ! -f "$stamp" ]; then
  log "building wasm dependencies (ICU common, ICU data subset, Snowball French, zstd)"
  export NODE_PATH=/usr/share/nodejs
  gen="$deps/gen"
  rm -rf "$gen" "$deps/wasm" "$deps/wasm-build"
  mkdir -p "$gen/icudata/icudt72l" "$gen/snowball"

  # ICU data: only word break rules and NFKC_Casefold, cut out of the full package.
  icudat="$deps/src/icu-72.1/source/data/in/icudt72l.dat"
  printf '%s\n' brkitr/root.res brkitr/fr.res brkitr/word.brk nfkc_cf.nrm > "$gen/icudata/items.txt"
  icupkg -x "$gen/icudata/items.txt" -d "$gen/icudata/icudt72l" "$icudat"
  icupkg --ignore-deps -a "$gen/icudata/items.txt" -s "$gen/icudata/icudt72l" new "$gen/icudata/icudt72l.dat"
  # ICU looks up its built-in common data as the symbol icudt72_dat; genccode names the
  # symbol after the file, so it reads a copy named icudt72.dat (its contents are unchanged).
  cp "$gen/icudata/icudt72l.dat" "$gen/icudata/icudt72.dat"
  genccode -d "$gen/icudata" "$gen/icudata/icudt72.dat" >/dev/null

  # Snowball: build the compiler, generate the French stemmer and a French-only libstemmer.
  sb="$deps/src/snowball-2.2.0"
  make -C "$sb" -s -j"$(nproc)" snowball >/dev/null
  mkdir -p "$gen/snowball/src_c" "$gen/snowball/libstemmer"
  (cd "$gen/snowball/src_c" && "$sb/snowball" "$sb/algorithms/french.sbl" -o stem_UTF_8_french \
      -eprefix french_UTF_8_ -r ../runtime -u)
  cp -r "$sb/runtime" "$sb/include" "$gen/snowball/"
  echo "french UTF_8 french,fr,fre,fra" > "$gen/snowball/modules.txt"
  (cd "$gen/snowball" && perl "$sb/libstemmer/mkmodules.pl" libstemmer/modules_utf8.h src_c \
      modules.txt libstemmer/mkinc_utf8.mak utf8 >/dev/null)
  sed 's/@MODULES_H@/modules_utf8.h/' "$sb/libstemmer/libstemmer_c.in" > "$gen/snowball/libstemmer/libstemmer_utf8.c"

  emcmake cmake -S "$root/deploy/wasm-deps" -B "$deps/wasm-build" -G Ninja \
      -DCMAKE_BUILD_TYPE=Release -DCMAKE_INSTALL_PREFIX="$deps/wasm" \
      -DICU_SRC="$deps/src/icu-72.1/source" -DGEN="$gen" \
      -DZSTD_SRC="$(compgen -G "$deps/src/libzstd-1.5.4*" | head -1)/lib" >/dev/null
  cmake --build "$deps/wasm-build"
  cmake --install "$deps/wasm-build" >/dev/null
  touch "$stamp"
fi

# --- [SECTION] npm packages (test driver; later: map geometry tools) -----------------------
if [ ! -d "$root/web/node_modules/playwright-core" ] || [ "$root/web/package-lock.json" -nt "$root/web/node_modules/.package-lock.json" ]; then
  log "npm ci (web/)"
  (cd "$root/web" && npm ci --no-audit --no-fund --loglevel=error)
fi

# --- [SECTION] Real French corpus (Debian's French documentation) ------------------------------
# ~3,500 pages: the distractors of the known-item test and the benchmark's real tier. Depends
# only on the packages' versions, so it is built once per machine into the cache.
corpus_key=$(dpkg-query -W -f='${Version} ' libreoffice-help-fr gimp-help-fr manpages-fr | sha256sum | cut -c1-16)
if [ ! -f "$deps/bench/pages-$corpus_key.jsonl" ]; then
  log "building the French documentation corpus (about a minute)"
  (cd "$root" && node tests/bench/corpus_real.mjs --no-queries >/dev/null)
  mkdir -p "$deps/bench"
  rm -f "$deps"/bench/pages-*.jsonl "$deps"/bench/blocks-*.jsonl
  cp "$root/build/bench/pages.jsonl" "$deps/bench/pages-$corpus_key.jsonl"
  cp "$root/build/bench/blocks.jsonl" "$deps/bench/blocks-$corpus_key.jsonl"
fi
ln -sf "pages-$corpus_key.jsonl" "$deps/bench/pages.jsonl"
ln -sf "blocks-$corpus_key.jsonl" "$deps/bench/blocks.jsonl"

log "ready (deps in $deps)"
