"""What the benchmark drivers in bench/ share: building build-bench/, the synthetic files, running a
process with a time limit and reading its peak memory, and describing the machine."""

import os
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# The importer reads phones written without a country code in one region (data-csv.default_region), so the
# generator writes national formats for this country's people only and the others' numbers with their codes.
HOME_COUNTRY = "IR"


class Failed(Exception):
    pass


def say(text):
    print(text, file=sys.stderr, flush=True)


def run_checked(cmd, env=None):
    result = subprocess.run(cmd, capture_output=True, text=True, env=env)
    if result.returncode != 0:
        raise Failed(f"{' '.join(map(str, cmd))} failed ({result.returncode}):\n{result.stdout}{result.stderr}")
    return result.stdout


def measure(cmd, logs, timeout, stdin_path=None, env=None):
    """Runs cmd once; returns (seconds, peak RSS in MB). Kills its process group after `timeout` seconds."""
    seconds, usage = measure_usage(cmd, logs, timeout, stdin_path, env)
    return seconds, usage.ru_maxrss / 1024


def measure_usage(cmd, logs, timeout, stdin_path=None, env=None):
    """As measure, but returns the wall seconds and the process's whole resource usage from wait4 (CPU times and
    peak RSS in KiB)."""
    with open(logs / "stdout", "w") as out, open(logs / "stderr", "w") as err, \
            open(stdin_path or os.devnull) as stdin:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdin=stdin, stdout=out, stderr=err, env=env, start_new_session=True)
        killer = threading.Timer(timeout, os.killpg, (proc.pid, signal.SIGKILL))
        killer.start()
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
        killer.cancel()
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode == -signal.SIGKILL and seconds >= timeout:
        raise Failed(f"{cmd[0]} ran longer than --timeout {timeout} s and was stopped")
    if proc.returncode != 0:
        tail = ((logs / "stdout").read_text() + (logs / "stderr").read_text())[-3000:]
        raise Failed(f"{' '.join(map(str, cmd))} exited with {proc.returncode}:\n{tail}")
    return seconds, usage


def build(build_dir, targets=()):
    """Configures build_dir as a Release build with the benchmarks when it is not, then builds `targets` (all when
    none are named)."""
    if not (build_dir / "CMakeCache.txt").exists() or \
            "MOSHTARI_BUILD_BENCH:BOOL=ON" not in (build_dir / "CMakeCache.txt").read_text():
        say(f"configuring {build_dir}")
        run_checked(["cmake", "-S", ROOT, "-B", build_dir, "-G", "Ninja", "-DCMAKE_BUILD_TYPE=Release",
                     "-DMOSHTARI_BUILD_BENCH=ON", "-DMOSHTARI_BUILD_TESTS=OFF"])
    say(f"building in {build_dir} (-j2)")
    run_checked(["cmake", "--build", build_dir, "-j2"] + (["--target", *targets] if targets else []))


def generate(generator, data, customers, orders, seed):
    """Writes data/customers.csv and data/orders.csv; returns the seconds it took and the generator's counts of
    each file."""
    start = time.perf_counter()
    out = run_checked([generator, "--out", data, "--customers", str(customers), "--orders", str(orders),
                       "--seed", str(seed), "--home-country", HOME_COUNTRY])
    seconds = time.perf_counter() - start
    customer_counts = dict(re.findall(r"(\w+)=(\d+)", out.splitlines()[0]))
    order_counts = dict(re.findall(r"(\w+)=(\d+)", out.splitlines()[1]))
    return seconds, {k: int(v) for k, v in customer_counts.items()}, {k: int(v) for k, v in order_counts.items()}


def copy_database(source, target):
    """Copies a database file for a timed run and writes the copy to disk first: otherwise the run's first fsync
    (SQLite's checkpoint) would also wait for the kernel to write out the whole freshly copied file."""
    shutil.copy(source, target)
    os.sync()


def init_workspace(moshtari, folder, plugins, extra_config=""):
    """A workspace from `moshtari init` in folder running only `plugins`, so no other plugin's work takes a share
    of the time; extra_config is appended to its moshtari.yaml. Returns the environment that selects it."""
    run_checked([moshtari, "init", folder])
    config = folder / "moshtari.yaml"
    text, replaced = re.subn(r"\n  enabled:(\n    - .*)+", f"\n  enabled: [{', '.join(plugins)}]",
                             config.read_text())
    if replaced != 1:
        raise Failed(f"cannot find the list of enabled plugins in {config}")
    config.write_text(text + extra_config)
    return dict(os.environ, MOSHTARI_CONFIG=str(config))


def import_files(moshtari, env, folder, customers_csv, orders_csv):
    """Imports both files with the real `moshtari import` (customers merged by external id, email and phone), the
    rejected rows written beside the database."""
    for what, csv in (("customers", customers_csv), ("orders", orders_csv)):
        say(f"importing {what} (not timed)")
        cmd = [moshtari, "import", what, csv, "--reject-file", folder / f"rejected-{what}.csv"]
        if what == "customers":
            cmd += ["--mode", "merge", "--match", "external_id,email,phone"]
        run_checked(cmd, env=env)


def machine_facts():
    cpu = "unknown CPU"
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    memory = int(Path("/proc/meminfo").read_text().split()[1]) // 1024
    sqlite_version = run_checked(["sqlite3", "--version"]).split()[0]
    return f"{os.cpu_count()} cores, {cpu}, {memory} MB RAM, sqlite3 {sqlite_version}"


def load_average():
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])
