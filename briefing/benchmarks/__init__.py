"""`make bench`: the figures in docs/BENCHMARKS.md. Pure parts (statistics, corpus building,
report formatting) are apart from the parts that time the service in child processes."""
