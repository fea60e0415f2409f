"""Helpers shared by the tests: real servers on loopback, schema document builders."""
