# Sourced by the run-loop bench scripts (reproduce.sh, run-notebook.sh): builds the CLI in this checkout and, when given, in
# another one to interleave with, and sets `checkouts` (absolute paths, this one first) and `build_args`.
# KZ_BUILD_ARGS: extra build properties for both builds, e.g. KZ_BUILD_ARGS=-p:KzReadyToRun=true (the opt-in ReadyToRun build).
# Usage: build_checkouts CONFIG [OTHER_CHECKOUT]
read -r -a build_args <<<"${KZ_BUILD_ARGS:-}"
build_checkouts() {
  local config=$1 other=${2:-}
  dotnet build lib/KzMigration.Cli -c "$config" "${build_args[@]}" -nologo -v q >/dev/null
  checkouts=("$PWD")
  if [ -n "$other" ]; then
    other=$(cd "$other" && pwd)
    (cd "$other" && dotnet build lib/KzMigration.Cli -c "$config" "${build_args[@]}" -nologo -v q >/dev/null)
    checkouts+=("$other")
  fi
}
