"""``kg bench``: throughput, memory and latency of every stage, on synthetic data.

Separate from the tests (which assert behaviour, never speed): :func:`kg.bench.run.run_bench`
measures and returns the rows of one table; the CLI prints it.
"""
