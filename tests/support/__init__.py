"""Code shared by the tests (fixtures themselves live in conftest.py files).

paths: where the inputs are. package: the package under test, generated fresh once per
session. documents, synthetic: schema documents, one at a time or a whole catalog (the
benchmarks use it too). trees, pulling: the generate and pull commands run in-process.
emulated, faults: payloads and policies for the client tests, the fault-survival run.
https, media_server, media_files: real servers on loopback and the files they serve.
"""
