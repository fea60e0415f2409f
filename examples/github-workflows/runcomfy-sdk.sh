#!/usr/bin/env bash
# The steps of runcomfy-sdk.yml. They live here, not in the YAML, so they run the same on a
# laptop and are tested end to end (tests/e2e/test_ci_workflow_script.py). Copy this file to
# .github/scripts/runcomfy-sdk.sh in the repository that commits schemas/ and generated/.
#
#   runcomfy-sdk.sh install                       pip install the pinned generator
#   runcomfy-sdk.sh drift                         lint schemas/; fail if generated/ is stale
#   runcomfy-sdk.sh breaking BASE                 fail (exit 1) if schemas/ has breaking
#                                                 changes since origin/BASE (a pull request gate)
#   runcomfy-sdk.sh refresh [--prune] [--no-publish]
#
# refresh re-reads the sources recorded in schemas/ (pull --recorded), writes the changelog
# of what changed (diff), regenerates, and then publishes: commits to one branch, pushes it
# and opens or updates one pull request whose body is that changelog (git and gh).
#   --prune       remove the schema files of models that vanished upstream (their page
#                 answers 404/410, or the catalog no longer lists them); without it they
#                 are kept and reported.
#   --no-publish  stop before publishing: no commit, no push, no gh. The changes stay in
#                 the working tree and the pull request body is written all the same.
#
# Exit codes: 0 done, changed or not; 1 lint errors or a stale generated/; 2 usage, or a
# source that could not be read (a server error, a timeout, an error page: nothing was
# written or removed, so the next run tries again); anything else: git, gh or pip failed.
#
# Environment (all optional but RUNCOMFY_CODEGEN for install):
#   RUNCOMFY_CODEGEN    the pinned generator, a pip requirement (set once in the workflow)
#   RUNCOMFY_SCHEMAS    the schemas directory (schemas), from the repository's root
#   RUNCOMFY_GENERATED  the generated project (generated), from the repository's root
#   RUNCOMFY_BRANCH     the pull request's branch (runcomfy/schema-refresh)
#   RUNCOMFY_BASE       the pull request's base branch (the branch checked out)
#   RUNCOMFY_REPORT     the pull request body ($RUNNER_TEMP or a temporary directory,
#                       runcomfy-changes.md)
#   GITHUB_OUTPUT       set by GitHub Actions: receives changed=true or changed=false
#   GH_TOKEN            for gh (the push uses the token the checkout stored)
#   RUNCOMFY_API_TOKEN  read by the generator when a schema was pulled from a catalog URL
set -euo pipefail

schemas=${RUNCOMFY_SCHEMAS:-schemas}
generated=${RUNCOMFY_GENERATED:-generated}
branch=${RUNCOMFY_BRANCH:-runcomfy/schema-refresh}

usage() {
  echo "usage: runcomfy-sdk.sh install | drift | breaking BASE | refresh [--prune] [--no-publish]" >&2
  exit 2
}

# A GitHub annotation in Actions ('%' escaped, as in a percent-encoded URL), a plain line
# elsewhere.
annotate() {
  if [ "${GITHUB_ACTIONS:-}" = true ]; then
    echo "::$1::${2//%/%25}"
  else
    echo "$1: $2" >&2
  fi
}

output() {
  if [ -n "${GITHUB_OUTPUT:-}" ]; then
    echo "$1" >>"$GITHUB_OUTPUT"
  fi
}

install() {
  local requirement=${RUNCOMFY_CODEGEN:-}
  # The generated tree records the generator's version, so an unpinned install makes
  # `check` fail the day a new generator is released: only a pin is installed.
  case "$requirement" in
  "")
    annotate error "set RUNCOMFY_CODEGEN to the pinned generator"
    exit 2
    ;;
  *github.com/OWNER/*)
    annotate error "RUNCOMFY_CODEGEN still names the placeholder OWNER: edit the pin in the workflow"
    exit 2
    ;;
  *" @ "*.whl | *==*) ;;
  *" @ git+"*"@"?*) ;;
  *)
    annotate error "RUNCOMFY_CODEGEN is not pinned ($requirement): use name==X.Y.Z or a git URL ending in @TAG or @COMMIT"
    exit 2
    ;;
  esac
  # A tag or branch can be moved to other code, which the refresh job then runs with write
  # credentials and the API token: only a full commit SHA or an exact version is fixed.
  case "$requirement" in
  *" @ git+"*"@"*)
    if ! [[ "${requirement##*@}" =~ ^[0-9a-f]{40}$ ]]; then
      annotate warning "RUNCOMFY_CODEGEN pins git ref ${requirement##*@}, a tag or branch that can be moved: pin the 40-hex commit SHA instead" >&2
    fi
    ;;
  *)
    if ! [[ "$requirement" =~ ==[0-9]+(\.[0-9]+)*([a-z]+[0-9]+)?$ ]]; then
      annotate warning "RUNCOMFY_CODEGEN ($requirement) is not an exact ==X.Y.Z version and can be moved: pin an exact version or a 40-hex commit SHA" >&2
    fi
    ;;
  esac
  python -m pip install --disable-pip-version-check "$requirement"
  runcomfy-codegen --version
}

drift() {
  cd "$(git rev-parse --show-toplevel)"
  runcomfy-codegen lint --schemas "$schemas"
  runcomfy-codegen check --schemas "$schemas" --out "$generated"
}

# Gate a pull request: the changelog from origin/BASE's schemas to the checked-out ones,
# exit 1 when it has breaking changes (a major release of the generated package).
breaking() {
  local base=$1
  cd "$(git rev-parse --show-toplevel)"
  runcomfy-codegen diff "origin/$base" "$schemas" --schemas "$schemas" --out "$generated" \
    --fail-on breaking
}

refresh() {
  local prune="" publish=true
  while [ $# -gt 0 ]; do
    case "$1" in
    --prune) prune=--prune ;;
    --no-publish) publish=false ;;
    *) usage ;;
    esac
    shift
  done
  cd "$(git rev-parse --show-toplevel)"
  local report=${RUNCOMFY_REPORT:-${RUNNER_TEMP:-$(mktemp -d)}/runcomfy-changes.md}
  pulled=$(mktemp)
  trap 'rm -f "$pulled"' EXIT

  # 1. Re-read the recorded pages and catalogs. Exit 2 means a source could not be read;
  #    nothing was written, so stop and let the next run try again.
  local code=0
  runcomfy-codegen pull --recorded ${prune:+"$prune"} --schemas "$schemas" >"$pulled" || code=$?
  cat "$pulled"
  if [ "$code" -ne 0 ]; then
    annotate error "pull --recorded failed (exit $code); nothing was written"
    exit "$code"
  fi
  { grep -E '^ *(vanished|removed)  ' "$pulled" || true; } | while read -r status model rest; do
    if [ "$status" = removed ]; then
      annotate warning "$model vanished upstream; its schema was removed $rest"
    else
      annotate warning "$model vanished upstream $rest"
    fi
  done

  # 2. The changelog first: diff reads the version generated/ has now, before generate
  #    bumps it. Then regenerate (exit 1 on lint errors: nothing is written).
  local changes
  changes=$(runcomfy-codegen diff HEAD "$schemas" --schemas "$schemas" --out "$generated")
  runcomfy-codegen generate --schemas "$schemas" --out "$generated"

  if [ -z "$(git status --porcelain -- "$schemas" "$generated")" ]; then
    echo "runcomfy-sdk: nothing to commit: $schemas and $generated are unchanged"
    output changed=false
    return 0
  fi
  mkdir -p "$(dirname "$report")"
  {
    echo "$changes"
    echo
    echo "### What pull --recorded reported"
    echo
    echo '```'
    cat "$pulled"
    echo '```'
  } >"$report"
  echo "runcomfy-sdk: schemas and $generated changed; pull request body in $report"
  output changed=true
  if [ "$publish" = true ]; then
    publish "$report"
  else
    echo "runcomfy-sdk: --no-publish: not committed, pushed or proposed"
  fi
}

# 3. One branch, one pull request, updated in place.
publish() {
  local report=$1 base
  base=${RUNCOMFY_BASE:-$(git rev-parse --abbrev-ref HEAD)}
  git switch --quiet -C "$branch"
  git add --all -- "$schemas" "$generated"
  git -c user.name="${GIT_AUTHOR_NAME:-runcomfy-codegen}" \
    -c user.email="${GIT_AUTHOR_EMAIL:-runcomfy-codegen@users.noreply.github.com}" \
    commit --quiet -m "Update RunComfy schemas and the generated SDK"
  if git rev-parse --verify --quiet "refs/remotes/origin/$branch" >/dev/null &&
    git diff --quiet "origin/$branch" HEAD; then
    echo "runcomfy-sdk: origin/$branch already holds these changes; not pushed"
  else
    git push --quiet --force-with-lease origin "$branch"
  fi
  if [ "$(gh pr view "$branch" --json state --jq .state 2>/dev/null || true)" = OPEN ]; then
    gh pr edit "$branch" --body-file "$report"
  else
    gh pr create --head "$branch" --base "$base" --title "Update RunComfy schemas" \
      --body-file "$report"
  fi
}

if [ $# -eq 0 ]; then
  usage
fi
command=$1
shift
case "$command" in
install | drift)
  if [ $# -ne 0 ]; then
    usage
  fi
  "$command"
  ;;
breaking)
  if [ $# -ne 1 ] || [ -z "$1" ]; then
    usage
  fi
  breaking "$1"
  ;;
refresh) refresh "$@" ;;
*) usage ;;
esac
