"""Speed and memory benchmarks, run by hand (see the README), never as pass/fail tests."""
