"""The protocol every `trainer bench` peer speaks (the C# side is src/Bench/PeerProcess.cs).

The harness starts a peer as a long-lived subprocess, so rounds can alternate (ours, peer, ours, peer, ...), sends
one command per line on stdin and reads one JSON object per line on stdout:

    (on start)         -> {"event": "ready", "torch": ..., "threads": ..., "blas_threads": ..., "blas_core": ...}
    setup <workload>   -> {"event": "setup", "name": ..., "check": <checksum>}   (creates the seeded inputs)
    run <n>            -> {"event": "run", "seconds": <elapsed for n iterations>}
    rss                -> {"event": "rss", "hwm_kb": <VmHWM since setup>, "maxrss_kb": <getrusage maxrss>}
    quit               -> exits
    (any failure)      -> {"event": "error", "message": ...}; the session goes on

The harness extracts this module next to the peer script, so `from peer_protocol import ...` works wherever it runs.
"""
import ctypes
import json
import resource
import sys


def emit(**fields):
    sys.stdout.write(json.dumps(fields) + "\n")
    sys.stdout.flush()


def openblas_info():
    """OpenBLAS's thread count and run-time kernel family in this process (the BLAS torch loaded), or (-1, "")."""
    try:
        blas = ctypes.CDLL("libblas.so.3")
        blas.openblas_get_corename.restype = ctypes.c_char_p
        return int(blas.openblas_get_num_threads()), blas.openblas_get_corename().decode()
    except (OSError, AttributeError):
        return -1, ""


def status_kb(key):
    """A field of /proc/self/status in kB (e.g. "VmHWM:", "VmRSS:"), or -1."""
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith(key):
                return int(line.split()[1])
    return -1


def reset_peak_rss():
    """Resets VmHWM (Linux: writing 5 to clear_refs), so the next reading is this workload's peak."""
    try:
        with open("/proc/self/clear_refs", "w") as f:
            f.write("5")
    except OSError:
        pass


def ready(torch_version, threads, blas_threads=None, blas_core=None):
    """Announces the peer and the thread settings it actually has."""
    if blas_threads is None:
        blas_threads, blas_core = openblas_info()
    emit(event="ready", torch=torch_version, threads=threads, blas_threads=blas_threads, blas_core=blas_core or "")


def serve(make):
    """Answers the harness's commands until "quit" or end of input; make(name) builds a workload with check() and run(n)."""
    work = None
    for line in sys.stdin:
        parts = line.split()
        if not parts:
            continue
        cmd = parts[0]
        try:
            if cmd == "setup":
                work = None
                reset_peak_rss()
                work = make(parts[1])
                if work is None:
                    raise ValueError("unknown workload: " + parts[1])
                emit(event="setup", name=parts[1], check=work.check())
            elif cmd == "run":
                emit(event="run", seconds=work.run(int(parts[1])))
            elif cmd == "rss":
                emit(event="rss", hwm_kb=status_kb("VmHWM:"), maxrss_kb=resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
            elif cmd == "quit":
                break
            else:
                raise ValueError("unknown command: " + cmd)
        except Exception as e:  # reported to the harness, which shows it; the session goes on
            emit(event="error", message="%s: %s" % (type(e).__name__, e))
