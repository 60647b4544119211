"""The services and processes a bench run starts, watches and stops: PostgreSQL
and Redis when down, wrk, gunicorn and the worker, and their memory."""

import os
import shutil
import signal
import socket
import subprocess
import threading
import time

from bench.knobs import HOST, REDIS_URL, say

# Services -----------------------------------------------------------------


def port_open(port):
    with socket.socket() as probe:
        probe.settimeout(1)
        return probe.connect_ex((HOST, port)) == 0


def free_port():
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def wait_until(check, what, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.5)
    raise RuntimeError(f"{what} did not come up within {timeout} s")


class Services:
    """Postgres and Redis on loopback: started (and later stopped) only when down."""

    def __init__(self):
        self.started = []

    def start(self):
        if not port_open(5432):
            version = sorted(os.listdir("/etc/postgresql"))[-1]
            say(f"PostgreSQL is down: pg_ctlcluster {version} main start")
            command = ["pg_ctlcluster", "--skip-systemctl-redirect", version, "main"]
            subprocess.run([*command, "start"], check=True)
            self.started.append(("postgres", version))
            wait_until(lambda: port_open(5432), "PostgreSQL")
        if not port_open(6379):
            say("Redis is down: starting redis-server on 127.0.0.1:6379")
            subprocess.run(
                [
                    "redis-server",
                    "--daemonize",
                    "yes",
                    "--bind",
                    HOST,
                    "--port",
                    "6379",
                    "--save",
                    "",
                    "--appendonly",
                    "no",
                ],
                check=True,
            )
            self.started.append(("redis", None))
            wait_until(lambda: port_open(6379), "Redis")

    def stop(self):
        for name, version in reversed(self.started):
            say(f"stopping the {name} this bench started")
            if name == "postgres":
                command = ["pg_ctlcluster", "--skip-systemctl-redirect", version]
                subprocess.run([*command, "main", "stop"], check=False)
            else:
                subprocess.run(
                    ["redis-cli", "-p", "6379", "shutdown", "nosave"], check=False
                )


def ensure_wrk():
    if shutil.which("wrk"):
        return
    say("wrk is missing: apt-get install -y wrk (Debian's package)")
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    subprocess.run(["apt-get", "update", "-qq"], check=True, env=env)
    subprocess.run(["apt-get", "install", "-y", "-qq", "wrk"], check=True, env=env)


def redis_flush():
    import redis

    redis.Redis.from_url(REDIS_URL).flushdb()


# Processes and their memory -----------------------------------------------


def _status_kib(pid, key):
    try:
        with open(f"/proc/{pid}/status") as status:
            for line in status:
                if line.startswith(key + ":"):
                    return int(line.split()[1])
    except (FileNotFoundError, ProcessLookupError):
        return 0
    return 0


def _parents():
    """{pid: parent pid} of every process, from /proc."""
    parents = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as stat:
                # The name (field 2) may hold spaces; the parent comes after ")".
                parents[int(entry)] = int(stat.read().rsplit(")", 1)[1].split()[1])
        except (FileNotFoundError, ProcessLookupError, IndexError, ValueError):
            continue
    return parents


def _tree(root_pid, parents):
    """root_pid and all its descendants."""
    found, todo = [], [root_pid]
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo.extend(child for child, parent in parents.items() if parent == pid)
    return found


class MemoryWatch(threading.Thread):
    """Samples the summed VmRSS of each process group every 250 ms."""

    def __init__(self, groups):
        super().__init__(daemon=True)
        self.groups = groups  # {name: root pid}
        self.peak_kib = dict.fromkeys(groups, 0)
        self.stop_event = threading.Event()

    def run(self):
        while not self.stop_event.wait(0.25):
            parents = _parents()
            for name, pid in self.groups.items():
                total = sum(_status_kib(p, "VmRSS") for p in _tree(pid, parents))
                self.peak_kib[name] = max(self.peak_kib[name], total)

    def high_water_kib(self):
        """Per group: the sum of each process's own peak (VmHWM), and the count."""
        parents = _parents()
        trees = {name: _tree(pid, parents) for name, pid in self.groups.items()}
        return {
            name: (sum(_status_kib(p, "VmHWM") for p in tree), len(tree))
            for name, tree in trees.items()
        }


def stop_process(process, name, timeout=20):
    if process is None or process.poll() is not None:
        return
    say(f"stopping {name} (pid {process.pid})")
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
