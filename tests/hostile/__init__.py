"""Hostile input and faults (issue 11), driven through the command line."""
