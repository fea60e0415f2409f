"""Release planning: what changed between two sets of contracts, and what release it makes.

``contract_diff`` judges each change from the caller's side, ``version`` turns the
strongest change into a version bump, ``changelog`` writes it up, ``previous`` reads the
last release back from the output directory and ``plan`` puts them together for a
generate. Below the pipeline, which calls ``plan``: nothing here imports the pipeline,
the renderer or the drift check.
"""
