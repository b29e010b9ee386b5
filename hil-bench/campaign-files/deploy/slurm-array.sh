#!/usr/bin/env bash
# A campaign spread over a Slurm job array: array task k runs shard k of N, then a dependent job merges.
#
#   sbatch hil-bench/campaign-files/deploy/slurm-array.sh            # submits the array and the merge
#
# Each task writes results/shard-k (a complete report of its scenarios); the merge writes results/merged,
# whose summary.csv is identical to an unsharded run's.
#SBATCH --job-name=chargetwin-campaign
#SBATCH --array=0-7
#SBATCH --cpus-per-task=2
#SBATCH --mem=4G
#SBATCH --time=02:00:00
#SBATCH --output=results/logs/shard-%a.log
set -euo pipefail

CAMPAIGN=${CAMPAIGN:-hil-bench/campaign-files/demo.yaml}
SHARDS=${SLURM_ARRAY_TASK_COUNT:-8}
BENCH=${BENCH:-bin/chargetwin-bench}
mkdir -p results/logs

if [ -z "${SLURM_ARRAY_TASK_ID:-}" ]; then
  echo "submit with sbatch: this script is a Slurm array job" >&2
  exit 2
fi

"$BENCH" campaign run "$CAMPAIGN" --shard "${SLURM_ARRAY_TASK_ID}/${SHARDS}" --jobs "${SLURM_CPUS_PER_TASK:-2}" \
  --out "results/shard-${SLURM_ARRAY_TASK_ID}"

# The first task submits the merge once, to run after every task of the array has finished successfully.
if [ "${SLURM_ARRAY_TASK_ID}" = "0" ]; then
  sbatch --dependency="afterok:${SLURM_ARRAY_JOB_ID}" --job-name=chargetwin-merge --output=results/logs/merge.log \
    --wrap "$BENCH campaign merge results/shard-* --out results/merged --fail-on error"
fi
