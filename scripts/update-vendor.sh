#!/usr/bin/env bash
# Refresh the vendored front-end assets in static/vendor/.
#
# The vendored files are committed, so neither running the app nor its tests
# needs npm. Only this script does: it uses `npm pack` to download the pinned
# package tarballs from the npm registry into a temporary directory, extracts
# them with tar and copies the few files we serve. No node_modules is created.
#
# To upgrade, change a version below (see `npm view <package> version`),
# run this script and review the diff of static/vendor/.
set -euo pipefail

# Pinned versions.
UTRECHT_COMPONENT_LIBRARY_CSS_VERSION="9.0.4"
VOORBEELD_DESIGN_TOKENS_VERSION="7.4.1"  # NL Design System example theme
HTMX_VERSION="2.0.11"  # stay on htmx 2.x
SOURCE_SANS_3_VERSION="5.3.1"  # house font, variable weight

ROOT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENDOR_DIR="$ROOT_DIR/static/vendor"

if ! command -v npm >/dev/null 2>&1; then
    echo "update-vendor.sh needs npm (only to download package tarballs)" >&2
    exit 1
fi

WORK_DIR="$(mktemp -d)"
trap 'rm -rf "$WORK_DIR"' EXIT

# fetch <package> <version>: download and unpack the tarball, print the
# directory holding its contents (the tarball's "package/" folder).
fetch() {
    local pkg="$1" version="$2"
    local dest="$WORK_DIR/$(echo "$pkg" | tr '@/' '__')"
    mkdir -p "$dest"
    # npm pack prints the tarball's file name as its last line of stdout.
    local tarball
    tarball="$(cd "$dest" && npm pack --silent "$pkg@$version" | tail -n 1)"
    if [ -z "$tarball" ] || [ ! -f "$dest/$tarball" ]; then
        echo "npm pack $pkg@$version failed" >&2
        exit 1
    fi
    tar -xzf "$dest/$tarball" -C "$dest"
    echo "$dest/package"
}

# require_file <path>: fail loudly if a package no longer ships an expected file.
require_file() {
    if [ ! -s "$1" ]; then
        echo "expected file missing or empty: $1" >&2
        exit 1
    fi
}

# install_file <source> <target>: copy one file into static/vendor/.
install_file() {
    require_file "$1"
    mkdir -p "$(dirname "$2")"
    cp "$1" "$2"
}

echo "Fetching @utrecht/component-library-css@$UTRECHT_COMPONENT_LIBRARY_CSS_VERSION"
clc="$(fetch @utrecht/component-library-css "$UTRECHT_COMPONENT_LIBRARY_CSS_VERSION")"

echo "Fetching @nl-design-system-unstable/voorbeeld-design-tokens@$VOORBEELD_DESIGN_TOKENS_VERSION"
tokens="$(fetch @nl-design-system-unstable/voorbeeld-design-tokens "$VOORBEELD_DESIGN_TOKENS_VERSION")"

echo "Fetching htmx.org@$HTMX_VERSION"
htmx="$(fetch htmx.org "$HTMX_VERSION")"

echo "Fetching @fontsource-variable/source-sans-3@$SOURCE_SANS_3_VERSION"
font="$(fetch @fontsource-variable/source-sans-3 "$SOURCE_SANS_3_VERSION")"

# Start from a clean tree so files dropped upstream do not linger.
rm -rf "$VENDOR_DIR/utrecht" "$VENDOR_DIR/nl-design-system" "$VENDOR_DIR/htmx" "$VENDOR_DIR/source-sans-3"

# Utrecht component library: all component CSS in one file (EUPL-1.2).
install_file "$clc/dist/index.css" "$VENDOR_DIR/utrecht/component-library.css"
install_file "$clc/LICENSE.md" "$VENDOR_DIR/utrecht/LICENSE-component-library-css.md"

# NL Design System "voorbeeld" (example) theme (EUPL-1.2). dist/theme.css
# defines the --utrecht-* (and --basis-*, --nl-*, ...) custom properties on
# .voorbeeld-theme; dist/variables.css is the same on :root, which we do not
# want. It loads no files (its only url() is an inline data: SVG); the font
# stack starts with "Noto Sans", which is not shipped, so browsers fall back
# to sans-serif. dist/font.css and dist/custom.css are empty placeholders.
# (@utrecht/design-tokens is deliberately not used: it is proprietary to
# Gemeente Utrecht, "all rights reserved".)
install_file "$tokens/dist/theme.css" "$VENDOR_DIR/nl-design-system/voorbeeld-theme.css"
install_file "$tokens/LICENSE.md" "$VENDOR_DIR/nl-design-system/LICENSE-voorbeeld-design-tokens.md"

# htmx (BSD Zero Clause License).
install_file "$htmx/dist/htmx.min.js" "$VENDOR_DIR/htmx/htmx.min.js"
install_file "$htmx/LICENSE" "$VENDOR_DIR/htmx/LICENSE"

# Source Sans 3, the house font (SIL Open Font License 1.1). Only the Latin and
# Latin Extended subsets (Dutch, and names from across Europe and Turkey), upright
# and italic; the @font-face blocks of those subsets are kept from the package's
# CSS, whose url()s point at ./files/ next to it.
for style in normal italic; do
    for subset in latin latin-ext; do
        install_file "$font/files/source-sans-3-$subset-wght-$style.woff2" \
            "$VENDOR_DIR/source-sans-3/files/source-sans-3-$subset-wght-$style.woff2"
    done
done
awk 'BEGIN { RS = ""; ORS = "\n\n" } /source-sans-3-latin(-ext)?-wght-/' \
    "$font/wght.css" "$font/wght-italic.css" > "$VENDOR_DIR/source-sans-3/source-sans-3.css"
install_file "$font/LICENSE" "$VENDOR_DIR/source-sans-3/LICENSE"

# Sanity checks, so a changed package layout is noticed right away.
grep -q '\.utrecht-button' "$VENDOR_DIR/utrecht/component-library.css" \
    || { echo "component-library.css has no .utrecht-button rules" >&2; exit 1; }
grep -q '^\.voorbeeld-theme' "$VENDOR_DIR/nl-design-system/voorbeeld-theme.css" \
    || { echo "voorbeeld-theme.css is not scoped to .voorbeeld-theme" >&2; exit 1; }
grep -q -- '--utrecht-button-primary-action-background-color' "$VENDOR_DIR/nl-design-system/voorbeeld-theme.css" \
    || { echo "voorbeeld-theme.css defines no --utrecht-* button properties" >&2; exit 1; }
grep -q 'European Union Public Licence' "$VENDOR_DIR/nl-design-system/LICENSE-voorbeeld-design-tokens.md" \
    || { echo "voorbeeld-design-tokens is no longer EUPL licensed, check its license" >&2; exit 1; }
grep -q "$HTMX_VERSION" "$VENDOR_DIR/htmx/htmx.min.js" \
    || { echo "htmx.min.js does not mention version $HTMX_VERSION" >&2; exit 1; }

[ "$(grep -c '@font-face' "$VENDOR_DIR/source-sans-3/source-sans-3.css")" -eq 4 ] \
    || { echo "source-sans-3.css does not hold the 4 expected @font-face rules" >&2; exit 1; }
grep -q "Source Sans 3 Variable" "$VENDOR_DIR/source-sans-3/source-sans-3.css" \
    || { echo "source-sans-3.css no longer names the font 'Source Sans 3 Variable'" >&2; exit 1; }
grep -q 'SIL Open Font License' "$VENDOR_DIR/source-sans-3/LICENSE" \
    || { echo "Source Sans 3 is no longer OFL licensed, check its license" >&2; exit 1; }

cat > "$VENDOR_DIR/VERSIONS.txt" <<EOF
# Vendored front-end assets; regenerate with scripts/update-vendor.sh
@utrecht/component-library-css@$UTRECHT_COMPONENT_LIBRARY_CSS_VERSION
@nl-design-system-unstable/voorbeeld-design-tokens@$VOORBEELD_DESIGN_TOKENS_VERSION
htmx.org@$HTMX_VERSION
@fontsource-variable/source-sans-3@$SOURCE_SANS_3_VERSION
EOF

echo "Vendored assets written to ${VENDOR_DIR#"$ROOT_DIR"/}:"
(cd "$VENDOR_DIR" && find . -type f | sort | sed 's|^\./|  |')
