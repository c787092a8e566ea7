from briefing.benchmarks.reliability import replace_section, section


def _suite(**outcomes):
    return {"outcomes": outcomes}


def test_section_counts_what_passed():
    results = {"command": "cmd", "seconds": 5,
               "bad_inputs": _suite(**{"test_bad_input[a]": "passed", "test_bad_input[b]": "failed",
                                       "test_bad_input[c]": "xfailed", "test_the_suite_is_large_enough": "passed"}),
               "crash": _suite(**{f"test_killed_ingest_recovers[{i}]": "passed" for i in range(9)},
                               **{"test_killed_ingest_recovers[9]": "failed"}),
               "writers": _suite(test_four_server_writers_with_readers="passed",
                                 test_two_embedded_ingests_wait_for_each_other="failed"),
               "fetch": {"missing": "tests/x.py"}, "secrets": _suite(test_a="passed")}
    text = section(results)
    assert "| 1 of 3 (1 waiting" in text and "| 9 of 10 |" in text
    assert "serialized with a waiting message, store intact | no |" in text
    assert "not on main yet" in text and "1 of 1 passed" in text


def test_replace_section_keeps_the_rest():
    doc = "# B\n\n## Ask\n\nx\n\n## Reliability\n\nold\n\n## Browser\n\ny\n"
    out = replace_section(doc, "## Reliability\n\nnew\n")
    assert "old" not in out and "new" in out and "## Browser\n\ny" in out and "## Ask\n\nx" in out
    assert replace_section("# B\n", "## Reliability\n\nnew\n").endswith("## Reliability\n\nnew\n")
