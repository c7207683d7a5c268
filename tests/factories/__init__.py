"""The test suite's factories, in one place: organisations, people, and cases at each stage.

Every test builds its state from these (the fixtures in the conftests are thin wrappers over
them), so a case at a given stage is made one way, through the real services.
"""
