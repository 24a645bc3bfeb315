"""The one error a user can cause: it names the file and ends the run with exit code 2."""


class InputError(Exception):
    """A problem with something the user gave us (a path, a file, a model, a glossary)."""

    def __init__(self, path: str, problem: str):
        super().__init__(f"{path}: {problem}")
        self.path = path
        self.problem = problem
