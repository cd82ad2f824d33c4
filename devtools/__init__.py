"""Developer tooling shared by the browser tests, the benchmarks and the scripts."""
