#!/bin/sh
# run-tests.sh BUILDDIR... - run the Meson test suite of each build directory
# and print one summary line over all of them: "N passed, N failed, N skipped"
# (the last line of `make check`, read by CI).  Exits 1 when anything failed.
set -u

passed=0 failed=0 skipped=0
for build in "$@"; do
  log="$build/meson-logs/run-tests.out"
  case "$build" in
    *asan*)
      # Sanitizer reports end the test with an error; leaks of GLib's
      # one-time caches are not ours.
      ASAN_OPTIONS="abort_on_error=1:detect_leaks=0:strict_string_checks=1"
      UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1"
      export ASAN_OPTIONS UBSAN_OPTIONS ;;
    *) unset ASAN_OPTIONS UBSAN_OPTIONS ;;
  esac
  echo "=== tests in $build"
  meson test -C "$build" --print-errorlogs --num-processes 2 2>&1 | tee "$log"
  count() { sed -n "s/^$1:[[:space:]]*\([0-9][0-9]*\).*/\1/p" "$log" | tail -n 1; }
  ok=$(count 'Ok'); fail=$(count 'Fail'); skip=$(count 'Skipped')
  xfail=$(count 'Expected Fail'); xpass=$(count 'Unexpected Pass')
  timeout=$(count 'Timeout')
  if [ -z "$ok" ]; then
    echo "run-tests.sh: no test summary from $build" >&2
    failed=$((failed + 1))
    continue
  fi
  passed=$((passed + ok + ${xfail:-0}))
  failed=$((failed + ${fail:-0} + ${xpass:-0} + ${timeout:-0}))
  skipped=$((skipped + ${skip:-0}))
done

summary="$passed passed, $failed failed, $skipped skipped"
echo "$summary" > "$1/test-summary.txt"
echo "$summary"
[ "$failed" -eq 0 ]
